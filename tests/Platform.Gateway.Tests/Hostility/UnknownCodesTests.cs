using Platform.Bench.Imports;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>
/// Asking for what does not exist must not cost memory: each unknown code activates a grain to find out, and that grain
/// must go at once instead of living for the collection age (30,000 such GETs once held 235 MB for half an hour).
/// </summary>
public sealed class UnknownCodesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 3_000;

    /// <summary>The grains the probes themselves may leave, e.g. directory and tenant grains of the real tenant.</summary>
    private const int Slack = 30;

    private LoopbackGateway? _gateway;

    private HttpClient Http => _gateway!.Http;

    public async Task InitializeAsync() => _gateway = await LoopbackGateway.StartAsync(
        "--Platform:Seed:Demo=false", "--Platform:Diagnostics=true", "--Platform:Rollup:ReportInterval=00:00:00.020");

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Thousands_of_reads_of_unknown_codes_leave_no_grains_behind()
    {
        var tenant = "u" + Guid.NewGuid().ToString("N")[..12];
        (await Http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "测试省" })).EnsureSuccessStatusCode();
        (await Http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", TwoCityProvince.Csv)).EnsureSuccessStatusCode();
        var campaign = await (await Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/campaigns",
            new { name = "评议", kind = "annualStarRating", scope = new[] { "430000" } })).JsonAsync();
        var c = $"/api/v1/tenants/{tenant}/campaigns/{campaign.GetProperty("id").GetString()}";
        (await Http.PostAsJsonAsync($"{c}/advance", new { to = "selfAssessment" })).EnsureSuccessStatusCode();

        // Warm up every kind of request once, so the grains real data needs are already counted.
        foreach (var path in Paths(tenant, c, 0))
        {
            await Http.GetAsync(path);
        }

        // Signed in as the tenant's admin throughout: another tenant, known or not, is refused before any grain is called.
        using var admin = _gateway!.Clients.CreateClient(_gateway.Clients.Tokens.AdminOf(tenant)!);
        var before = await ActivationsAsync();
        await Parallel.ForEachAsync(Enumerable.Range(1, Requests), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var path = Paths(tenant, c, i)[i % Paths(tenant, c, i).Count];
            var response = await admin.GetAsync(path, token);
            Assert.Equal(path.Contains("/nosuch", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, response.StatusCode);
        });

        var after = await SettledActivationsAsync(before + Slack);
        output.WriteLine($"{Requests} reads of unknown codes: activations {before} → {after}");
        Assert.True(after <= before + Slack, $"{Requests} reads of unknown codes left {after - before} more grains active ({before} → {after})");
    }

    /// <summary>One unknown of each kind: node, summary, assessment, tenant, framework version, campaign, entry, its audit, progress, laggards.</summary>
    private static List<string> Paths(string tenant, string campaign, int i) =>
    [
        $"/api/v1/tenants/{tenant}/nodes/x{i}",
        $"/api/v1/tenants/{tenant}/nodes/x{i}/summary",
        $"/api/v1/tenants/{tenant}/orgs/x{i}/assessment",
        $"/api/v1/tenants/nosuch{i}",
        $"/api/v1/tenants/nosuch{i}/nodes/430000",
        $"/api/v1/tenants/{tenant}/framework/versions/{i + 10}",
        $"/api/v1/tenants/{tenant}/campaigns/c{i + 10}",
        $"{campaign}/branches/x{i}",
        $"{campaign}/branches/x{i}/audit",
        $"/api/v1/tenants/{tenant}/campaigns/c{i + 10}/branches/x{i}",
        $"{campaign}/progress/x{i}",
        $"/api/v1/tenants/{tenant}/campaigns/c{i + 10}/progress",
        $"{campaign}/laggards/x{i}",
    ];

    private async Task<int> ActivationsAsync() =>
        JsonDocument.Parse(await Http.GetStringAsync("/diagnostics/memory")).RootElement.GetProperty("activations").GetInt32();

    /// <summary>Deactivation finishes just after the answer: give it a few seconds.</summary>
    private async Task<int> SettledActivationsAsync(int bound)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var activations = await ActivationsAsync();
            if (activations <= bound || DateTime.UtcNow > deadline)
            {
                return activations;
            }

            await Task.Delay(250);
        }
    }
}
