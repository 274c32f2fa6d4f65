namespace Platform.Bench.Tests;

/// <summary>
/// A seconds-long run of the real benchmark, so the instrument cannot rot: the platform in its own process and as a
/// cluster (two silo processes and the gateway as their client, over PostgreSQL), both
/// PostgreSQL baselines (needs the Debian postgresql package; .ci/run installs it), GROUP BY on read and
/// trigger-maintained rollups, whose rows must equal GROUP BY at the end, every phase, the table.
/// </summary>
public sealed class BenchmarkRunTests
{
    [Fact]
    public async Task A_tiny_run_measures_every_figure_on_both_sides()
    {
        var options = new BenchOptions
        {
            Organisations = 300, Clients = 8, Duration = 2, ReadRate = 100, ReadSeconds = 1, Bursts = 2, BurstSize = 20, MemorySample = 100, ClusterSilos = 2,
        };

        var report = await new BenchmarkRun(options, TextWriter.Null).RunAsync();

        Assert.True(report.Organisations > 300);
        Assert.True(report.Platform.ImportSeconds > 0);
        Assert.True(report.Platform.Deadline.Completed > 0);
        Assert.Equal(0, report.Platform.Deadline.Errors);
        Assert.True(report.Baseline.Deadline.Completed > 0);
        Assert.Equal(0, report.Baseline.Deadline.Errors);
        Assert.Equal(0, report.Platform.ReadsAtRate.Errors);
        Assert.True(report.Platform.ReadsMax.PerSecond > 0 && report.Baseline.ReadsMax.PerSecond > 0);
        Assert.InRange(report.Platform.FreshnessP99, 0, 60_000);
        Assert.True(report.StorageCeiling > 0);
        Assert.NotNull(report.Platform.Memory);
        var authentication = report.Platform.Authentication!;
        Assert.Equal(0, authentication.Errors);
        Assert.True(authentication.SignedInPerSecond > 0 && authentication.TrustedPerSecond > 0 && authentication.EchoSignedInPerSecond > 0);
        Assert.True(authentication.SignedInReadP50 > 0 && authentication.TrustedReadP50 > 0);
        var trigger = report.TriggerBaseline!;
        Assert.True(trigger.Side.Deadline.Completed > 0);
        Assert.Equal(0, trigger.Side.Deadline.Errors);
        Assert.Equal(0, trigger.Side.ReadsAtRate.Errors);
        Assert.Equal(0, trigger.Locks.Deadlocks);
        Assert.Equal(0, trigger.RowsDifferingFromGroupBy);
        Assert.True(report.Cluster is not null, report.ClusterFailure);
        var cluster = report.Cluster;
        Assert.Equal(2, cluster.Silos);
        Assert.True(cluster.Side.ImportSeconds > 0);
        Assert.True(cluster.Side.Deadline.Completed > 0);
        Assert.Equal(0, cluster.Side.Deadline.Errors);
        Assert.InRange(cluster.Side.FreshnessP99, 0, 60_000);
        Assert.Equal(0, cluster.Side.ReadsAtRate.Errors);
        Assert.True(cluster.Activated > 0 && cluster.SiloWorkingSetPerActivation > 0);
        Assert.Contains("| platform / baseline |", report.ToMarkdown());
        Assert.Contains("| baseline, trigger-maintained rollups |", report.ToMarkdown());
    }
}
