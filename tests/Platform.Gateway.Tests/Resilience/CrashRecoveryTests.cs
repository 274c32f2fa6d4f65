using Platform.Bench.Imports;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Bench;
using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.DemoData;
using Platform.Domain.Framework;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Resilience;

/// <summary>
/// Kills the platform's process (SIGKILL) in the middle of a burst of submissions and starts it again on the same
/// SQLite file: every acknowledged submission is still there, and the province converges to the exact sum of its leaves.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const string Tenant = "crash";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-crash-tests", Guid.NewGuid().ToString("N"));

    // Regions never checkpoint during the test, so after the kill every region must rebuild from its children.
    private static readonly string[] Settings = ["--Platform:Rollup:ReportInterval=00:00:00.020", "--Platform:Rollup:CheckpointInterval=01:00:00"];

    [Fact]
    public async Task Acknowledged_submissions_survive_a_kill_and_the_province_converges_to_its_leaves()
    {
        var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = 2, AssessedShare = 1.0, Seed = 5 });
        var acknowledged = new Dictionary<string, int>();

        PlatformClients? first = null;
        await using (var gateway = await GatewayProcess.StartAsync(_folder, Settings))
        {
            using var clients = await gateway.ClientsAsync();
            first = clients;
            using var http = clients.CreateClient();
            (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "崩溃测试" })).EnsureSuccessStatusCode();
            var import = await http.ImportHierarchyAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", province.HierarchyCsv);
            Assert.Equal(0, (await import.JsonAsync()).GetProperty("rejected").GetInt32());

            await SubmitAsync(http, province.Assessments, acknowledged, stopAfter: int.MaxValue);

            // A second burst, killed part-way: some submissions acknowledged, some in flight, some never sent.
            var random = new Random(3);
            var framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);
            var burst = province.Assessments.Select(a => (a.Code, DemoProvince.Assess(framework, random, 0.05))).ToList();
            var killed = SubmitAsync(http, burst, acknowledged, stopAfter: burst.Count / 3, onStop: gateway.KillAsync);
            await killed;
        }

        await using (var gateway = await GatewayProcess.StartAsync(_folder, Settings))
        {
            using var clients = await gateway.ClientsAsync(first);
            using var http = clients.CreateClient();
            decimal scoreSum = 0;
            foreach (var (code, revision) in acknowledged)
            {
                var stored = await (await http.GetAsync($"/api/v1/tenants/{Tenant}/orgs/{code}/assessment")).JsonAsync();
                Assert.True(stored.GetProperty("revision").GetInt32() >= revision, $"{code} lost an acknowledged submission");
                scoreSum += stored.GetProperty("total").GetDecimal();
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            JsonElement root;
            do
            {
                root = await (await http.GetAsync($"/api/v1/tenants/{Tenant}/nodes/{province.RootCode}/summary")).JsonAsync();
                if (root.GetProperty("scoreSum").GetDecimal() == scoreSum)
                {
                    break;
                }

                await Task.Delay(50);
            }
            while (DateTime.UtcNow < deadline);

            Assert.Equal(acknowledged.Count, root.GetProperty("assessed").GetInt32());
            Assert.Equal(scoreSum, root.GetProperty("scoreSum").GetDecimal());
            Assert.Equal(province.Organisations, root.GetProperty("organisations").GetInt32());
            Assert.Equal(province.Schools, root.GetProperty("schools").GetInt32());
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Submits with 8 clients; records each acknowledged revision; after <paramref name="stopAfter"/>
    /// acknowledgements runs <paramref name="onStop"/> and swallows the failures of requests cut off by it.</summary>
    private static async Task SubmitAsync(
        HttpClient http, IReadOnlyList<(string Code, Platform.Domain.Scoring.AssessmentInput Input)> items,
        Dictionary<string, int> acknowledged, int stopAfter, Func<Task>? onStop = null)
    {
        var count = 0;
        var stopped = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, cancellationToken) =>
        {
            if (Volatile.Read(ref stopped) == 1)
            {
                return;
            }

            int? revision;
            lock (acknowledged)
            {
                revision = acknowledged.TryGetValue(item.Code, out var known) ? known : null;
            }

            try
            {
                var body = await AssessmentClient.PutAsync(http, $"/api/v1/tenants/{Tenant}/orgs/{item.Code}/assessment", item.Input, revision, cancellationToken);
                Assert.True(body is not null, $"the platform refused a submission for {item.Code}");
                lock (acknowledged)
                {
                    acknowledged[item.Code] = body.Value.GetProperty("revision").GetInt32();
                }
            }
            catch (HttpRequestException) when (onStop is not null && Volatile.Read(ref stopped) == 1)
            {
                return;
            }

            if (Interlocked.Increment(ref count) == stopAfter && onStop is not null)
            {
                Volatile.Write(ref stopped, 1);
                await onStop();
            }
        });
    }
}
