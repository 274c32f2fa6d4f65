using Platform.Bench.Imports;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Platform.Bench;
using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.DemoData;
using Platform.Domain.Framework;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Resilience;

/// <summary>
/// Stops the platform gracefully (SIGTERM, as Kubernetes and systemd do) while submissions keep arriving, starts it
/// again on the same file and, before any branch is read, expects every region to hold the exact sum of its leaves.
/// A region that checkpointed itself as clean while a report from below was still on its way would otherwise serve a
/// wrong total until every branch under it happened to be read again.
/// </summary>
public sealed class GracefulRestartTests(ITestOutputHelper output) : IDisposable
{
    private const string Tenant = "graceful";
    private const int Rounds = 3;
    private const int Writers = 8;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-graceful-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task After_a_graceful_stop_under_load_every_region_is_exact_before_any_branch_is_read()
    {
        var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = 1, AssessedShare = 1.0, Seed = 11 });
        var tree = ProvinceTree.Parse(province.HierarchyCsv);
        var revisions = new ConcurrentDictionary<string, int>();

        var gateway = await GatewayProcess.StartAsync(_folder);
        var clients = await gateway.ClientsAsync();
        try
        {
            using (var http = clients.CreateClient())
            {
                (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "平滑重启测试" })).EnsureSuccessStatusCode();
                (await http.ImportHierarchyAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", province.HierarchyCsv)).EnsureSuccessStatusCode();
            }

            for (var round = 1; round <= Rounds; round++)
            {
                using (var http = clients.CreateClient())
                {
                    using var load = new CancellationTokenSource();
                    var writers = Enumerable.Range(0, Writers).Select(w => WriteAsync(http, tree, revisions, w, round, load.Token)).ToArray();
                    await Task.Delay(TimeSpan.FromSeconds(1.5));
                    var stopping = Stopwatch.StartNew();
                    Assert.True(await gateway.TerminateAsync(TimeSpan.FromSeconds(60)), "the platform did not stop within 60 s of SIGTERM");
                    output.WriteLine($"round {round}: stopped {stopping.ElapsedMilliseconds} ms after SIGTERM, writers still running");
                    await load.CancelAsync();
                    await Task.WhenAll(writers);
                }

                await gateway.DisposeAsync();
                var starting = Stopwatch.StartNew();
                gateway = await GatewayProcess.StartAsync(_folder);
                var restarted = await gateway.ClientsAsync(clients);
                clients.Dispose();
                clients = restarted;
                output.WriteLine($"round {round}: ready {starting.ElapsedMilliseconds} ms after start");
                using (var http = clients.CreateClient())
                {
                    var served = await RegionTotals.ServedWhenSettledAsync(http, Tenant, tree);
                    var expected = await RegionTotals.RecomputeFromLeavesAsync(http, Tenant, tree);
                    Assert.True(RegionTotals.Differences(expected, served) is [], $"round {round}, after the restart: {string.Join("; ", RegionTotals.Differences(expected, served))}");
                }
            }
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Submits new assessments for this writer's share of the branches until the platform stops answering.</summary>
    private static async Task WriteAsync(HttpClient http, ProvinceTree tree, ConcurrentDictionary<string, int> revisions, int writer, int round, CancellationToken stop)
    {
        var framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);
        var random = new Random(round * 100 + writer);
        var mine = tree.RatedUnits.Where((_, i) => i % Writers == writer).ToArray();
        while (!stop.IsCancellationRequested)
        {
            var code = mine[random.Next(mine.Length)];
            try
            {
                var input = DemoProvince.Assess(framework, random, 0.02);
                var body = await AssessmentClient.PutAsync(http, $"/api/v1/tenants/{Tenant}/orgs/{code}/assessment", input,
                    revisions.TryGetValue(code, out var revision) ? revision : null, stop);
                if (body is null)
                {
                    return; // refused while the platform drains: this writer is done for the round
                }

                revisions[code] = body.Value.GetProperty("revision").GetInt32();
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                return;
            }
        }
    }
}
