using Platform.Bench.Imports;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Platform.Bench;
using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.DemoData;
using Platform.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Resilience;

/// <summary>
/// Ready means the rollups can be served: after a crash, a region rebuilds from everything below it, and the platform
/// answers ready only once that is done, not while the first dashboard read would still wait for it.
/// </summary>
public sealed class ReadinessTests(ITestOutputHelper output) : IDisposable
{
    private const string Tenant = "ready";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-ready-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task After_a_crash_the_platform_is_ready_only_once_every_region_has_rebuilt_from_its_leaves()
    {
        var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = 4, AssessedShare = 0.5, Seed = 7 });
        PlatformClients? first = null;
        await using (var gateway = await GatewayProcess.StartAsync(_folder))
        {
            using var clients = await gateway.ClientsAsync();
            first = clients;
            using var http = clients.CreateClient();
            (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "就绪测试" })).EnsureSuccessStatusCode();
            (await http.ImportHierarchyAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", province.HierarchyCsv)).EnsureSuccessStatusCode();
            await http.EventuallyAsync($"/api/v1/tenants/{Tenant}/nodes/{province.RootCode}/summary",
                s => s.GetProperty("organisations").GetInt32() == province.Organisations);
            await gateway.KillAsync();
        }

        var started = Stopwatch.StartNew();
        await using (var gateway = await GatewayProcess.StartLiveAsync(_folder, "--Platform:Diagnostics=true"))
        {
            using var clients = await gateway.ClientsAsync(first);
            using var http = clients.CreateClient();
            var live = started.Elapsed;
            while (!(await http.GetAsync("/health/ready")).IsSuccessStatusCode)
            {
                Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), "not ready within 60 s of the start");
                await Task.Delay(10);
            }

            var ready = started.Elapsed;
            var memory = await (await http.GetAsync("/diagnostics/memory")).JsonAsync();
            var activations = memory.GetProperty("activations").GetInt32();

            // No region was clean after the kill, so the province could only be served after every school and
            // organisation below it had been asked for its rollup: they are all active by the time ready answers.
            Assert.True(activations >= province.Organisations + province.Schools,
                $"ready with {activations} activations; the tree has {province.Organisations} organisations and {province.Schools} schools");

            var read = Stopwatch.StartNew();
            var root = await (await http.GetAsync($"/api/v1/tenants/{Tenant}/nodes/{province.RootCode}/summary")).JsonAsync();
            output.WriteLine($"live {live.TotalMilliseconds:F0} ms, ready {ready.TotalMilliseconds:F0} ms after start; first province read {read.Elapsed.TotalMilliseconds:F0} ms; {activations} activations");
            Assert.Equal(province.Organisations, root.GetProperty("organisations").GetInt32());
            Assert.Equal(province.Schools, root.GetProperty("schools").GetInt32());
        }
    }

    [Fact]
    public async Task The_platform_is_not_ready_while_the_first_start_seeds_the_demo_and_ready_once_it_is_seeded()
    {
        const int SchoolsPerCounty = 1;
        var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = SchoolsPerCounty });
        var started = Stopwatch.StartNew();
        await using var gateway = await GatewayProcess.StartLiveAsync(_folder, "--Platform:Seed:Demo=true", $"--Platform:Seed:SchoolsPerCounty={SchoolsPerCounty}");
        using var probe = new HttpClient { BaseAddress = gateway.Address };

        var first = await probe.GetAsync("/health/ready");
        var detail = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable, $"ready at once, before the demo was seeded: {detail}");
        Assert.Contains("demo-seed", detail, StringComparison.Ordinal);

        while (!(await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(120), "not ready within 120 s of the start");
            await Task.Delay(50);
        }

        // The seed's last step is the campaign's submissions, each recorded once stored: ready, they are all there.
        output.WriteLine($"ready {started.ElapsedMilliseconds} ms after the start");
        using var clients = await gateway.ClientsAsync();
        using var http = clients.CreateClient();
        var submitted = province.Assessments.Count - (province.Assessments.Count + 6) / 7;
        Assert.Equal(province.Assessments.Count, await SeedAudit.CountAsync(http, "orgs"));
        Assert.Equal(submitted, await SeedAudit.CountAsync(http, "campaigns/c1/branches"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
