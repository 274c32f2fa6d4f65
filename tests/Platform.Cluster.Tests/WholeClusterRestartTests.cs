using System.Diagnostics;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Cluster.Tests.Load;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Cluster.Tests;

/// <summary>
/// The whole cluster stopped gracefully at once under load (a maintenance window, a node pool replaced) and started
/// again: before any branch is read, every region serves the exact sum of its leaves (a region that checkpointed itself
/// as clean while a report from a silo stopping beside it was still on its way would serve a wrong total until every
/// branch under it happened to be read again), and nothing acknowledged is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WholeClusterRestartTests(PlatformCluster cluster, ITestOutputHelper output)
{
    private const int Writers = 8;

    [Fact]
    public async Task After_every_silo_stops_gracefully_under_load_and_starts_again_every_region_is_exact_before_any_branch_is_read()
    {
        var total = Stopwatch.StartNew();
        await cluster.EnsureEverySiloRunsAsync();
        var tenant = await TestTenant.CreateAsync(cluster.Clients, "whole", seed: 23);
        using var http = cluster.Clients.CreateClient(TimeSpan.FromSeconds(60));

        var clock = Stopwatch.StartNew();
        var load = AssessmentLoad.Start(http, tenant.Id, tenant.Tree.RatedUnits, tenant.Ledger, Writers, seed: 3, retryDelay: null, clock);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stopping = Stopwatch.StartNew();
        var stopped = await Task.WhenAll(Enumerable.Range(0, PlatformCluster.SiloCount).Select(s => cluster.StopSiloAsync(s, TimeSpan.FromSeconds(60))));
        Assert.True(stopped.All(s => s), "a silo did not stop within 60 s of SIGTERM");
        output.WriteLine($"every silo stopped {stopping.Elapsed.TotalSeconds:F1} s after SIGTERM");
        await load.StopAsync();
        output.WriteLine($"load: {load}");

        var starting = Stopwatch.StartNew();
        await cluster.EnsureEverySiloRunsAsync();
        output.WriteLine($"every silo ready {starting.Elapsed.TotalSeconds:F1} s after the start");

        var served = await RegionTotals.ServedWhenSettledAsync(http, tenant.Id, tenant.Tree);
        var leaves = await RegionTotals.ReadLeavesAsync(http, tenant.Id, tenant.Tree);
        var lost = tenant.Ledger.LostWrites(leaves);
        var wrong = RegionTotals.Differences(RegionTotals.FromLeaves(tenant.Tree, leaves), served);
        output.WriteLine($"acknowledged writes lost: {lost.Count}; regions wrong before any branch was read: {wrong.Count} of {served.Count}; test took {total.Elapsed.TotalSeconds:F0} s");

        Assert.True(lost is [], $"acknowledged submissions lost: {string.Join("; ", lost.Take(10))}");
        Assert.True(load.Anomalies.Count == 0, string.Join("; ", load.Anomalies.Take(10)));
        Assert.True(wrong is [], $"after the restart, before any branch was read: {string.Join("; ", wrong.Take(10))}");
        Assert.True(load.Count(AttemptResult.Error) == 0, $"answers other than 2xx, 412 and 503: {load}");
        Assert.True(load.UnavailableWithoutRetryAfter == 0, $"503s without Retry-After: {load}");
    }
}
