using System.Diagnostics;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Cluster.Tests.Load;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Cluster.Tests;

/// <summary>
/// Losing a machine loses nothing: one of three silos is killed outright (SIGKILL: no drain, no deactivation, no last
/// write) while clients submit assessments through the gateway. Every acknowledged submission is still stored as
/// acknowledged (or as a later one the client sent without getting an answer), every region converges to the exact
/// sum of its leaves, and the two silos left serve every branch again within a bounded time.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloKillTests(PlatformCluster cluster, ITestOutputHelper output)
{
    private const int Writers = 8;

    /// <summary>How long the survivors may take to serve every writer again: the membership settings of
    /// <see cref="PlatformCluster"/> declare a silo dead in a few seconds; the rest is reactivation and retries.</summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_killed_silo_loses_no_acknowledged_submission_and_the_survivors_serve_every_branch_again_with_exact_regions()
    {
        var total = Stopwatch.StartNew();
        await cluster.EnsureEverySiloRunsAsync();
        var tenant = await TestTenant.CreateAsync(cluster.Clients, "kill", seed: 21);
        using var http = cluster.Clients.CreateClient(TimeSpan.FromSeconds(15));

        var clock = Stopwatch.StartNew();
        var load = AssessmentLoad.Start(http, tenant.Id, tenant.Tree.RatedUnits, tenant.Ledger, Writers, seed: 1, retryDelay: TimeSpan.FromMilliseconds(200), clock);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var victim = cluster.SiloName(1);
        await cluster.KillSiloAsync(1);
        var killedAt = clock.Elapsed;
        output.WriteLine($"killed {victim} (SIGKILL) {killedAt.TotalSeconds:F1} s into the load");

        // The load runs on until every writer has been served again after the kill and nothing has failed for 3 s, or
        // the bound has passed.
        while (clock.Elapsed - killedAt < FailoverBound)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var sofar = Failover.After(killedAt, load.Attempts, Writers);
            if (sofar.EveryWriterServedAfter is not null && clock.Elapsed - killedAt - (sofar.ErrorsStoppedAfter ?? TimeSpan.Zero) > TimeSpan.FromSeconds(3))
            {
                break;
            }
        }

        await load.StopAsync();
        var failover = Failover.After(killedAt, load.Attempts, Writers);
        output.WriteLine($"load: {load}");
        output.WriteLine($"failover: {failover}");

        var served = await RegionTotals.ServedWhenSettledAsync(http, tenant.Id, tenant.Tree, TimeSpan.FromSeconds(20));
        var leaves = await RegionTotals.ReadLeavesAsync(http, tenant.Id, tenant.Tree);
        var lost = tenant.Ledger.LostWrites(leaves);
        var wrong = RegionTotals.Differences(RegionTotals.FromLeaves(tenant.Tree, leaves), served);
        output.WriteLine($"acknowledged writes lost: {lost.Count} of {tenant.Ledger.Acknowledged} branches with an acknowledged assessment; regions wrong: {wrong.Count} of {served.Count}");
        output.WriteLine($"test took {total.Elapsed.TotalSeconds:F0} s");

        Assert.True(lost is [], $"acknowledged submissions lost: {string.Join("; ", lost.Take(10))}");
        Assert.True(load.Anomalies.Count == 0, string.Join("; ", load.Anomalies.Take(10)));
        Assert.True(wrong is [], $"after the kill: {string.Join("; ", wrong.Take(10))}");
        Assert.True(load.Count(AttemptResult.Error) == 0, $"answers other than 2xx, 412 and 503: {load}");
        Assert.True(load.UnavailableWithoutRetryAfter == 0, $"503s without Retry-After: {load}");
        Assert.True(failover.WritersNeverServed == 0 && failover.EveryWriterServedAfter <= FailoverBound,
            $"the survivors did not serve every writer again within {FailoverBound.TotalSeconds} s of the kill: {failover}");
    }
}
