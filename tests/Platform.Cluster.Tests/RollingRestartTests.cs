using System.Diagnostics;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Cluster.Tests.Load;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Cluster.Tests;

/// <summary>
/// A rolling restart (an upgrade, a node drained for maintenance): each silo in turn is stopped gracefully (SIGTERM, as
/// Kubernetes does) and started again, under load. Clients that honour Retry-After see nothing but 2xx and retryable
/// 503s; nothing acknowledged is lost, and every region stays exact.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(PlatformCluster cluster, ITestOutputHelper output)
{
    private const int Writers = 8;

    [Fact]
    public async Task Restarting_each_silo_in_turn_under_load_answers_only_successes_and_retryable_503s_and_loses_nothing()
    {
        var total = Stopwatch.StartNew();
        await cluster.EnsureEverySiloRunsAsync();
        var tenant = await TestTenant.CreateAsync(cluster.Clients, "rolling", seed: 22);
        using var http = cluster.Clients.CreateClient(TimeSpan.FromSeconds(60));

        var clock = Stopwatch.StartNew();
        var load = AssessmentLoad.Start(http, tenant.Id, tenant.Tree.RatedUnits, tenant.Ledger, Writers, seed: 2, retryDelay: null, clock);
        for (var silo = 0; silo < PlatformCluster.SiloCount; silo++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var name = cluster.SiloName(silo);
            var stopping = Stopwatch.StartNew();
            Assert.True(await cluster.StopSiloAsync(silo, TimeSpan.FromSeconds(60)), $"{name} did not stop within 60 s of SIGTERM");
            var stopped = stopping.Elapsed;
            await cluster.StartSiloAsync(silo);
            output.WriteLine($"{name}: stopped {stopped.TotalSeconds:F1} s after SIGTERM; {cluster.SiloName(silo)} in its place ready {(stopping.Elapsed - stopped).TotalSeconds:F1} s after its start");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        await load.StopAsync();
        output.WriteLine($"load: {load}");

        var served = await RegionTotals.ServedWhenSettledAsync(http, tenant.Id, tenant.Tree);
        var leaves = await RegionTotals.ReadLeavesAsync(http, tenant.Id, tenant.Tree);
        var lost = tenant.Ledger.LostWrites(leaves);
        var wrong = RegionTotals.Differences(RegionTotals.FromLeaves(tenant.Tree, leaves), served);
        output.WriteLine($"acknowledged writes lost: {lost.Count}; regions wrong: {wrong.Count} of {served.Count}; test took {total.Elapsed.TotalSeconds:F0} s");

        Assert.True(lost is [], $"acknowledged submissions lost: {string.Join("; ", lost.Take(10))}");
        Assert.True(load.Anomalies.Count == 0, string.Join("; ", load.Anomalies.Take(10)));
        Assert.True(load.Count(AttemptResult.Error) == 0 && load.Count(AttemptResult.Stale) == 0 && load.Count(AttemptResult.NoAnswer) == 0,
            $"answers other than 2xx and retryable 503s: {load}");
        Assert.True(load.UnavailableWithoutRetryAfter == 0, $"503s without Retry-After: {load}");
        Assert.True(wrong is [], $"after the rolling restart: {string.Join("; ", wrong.Take(10))}");
        Assert.True(load.Count(AttemptResult.Acknowledged) > 0, $"nothing was acknowledged: {load}");
    }
}
