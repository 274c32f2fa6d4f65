namespace Platform.Grains.Hierarchy;

/// <summary>How eagerly rollups travel up the hierarchy.</summary>
public sealed class RollupOptions
{
    /// <summary>
    /// A node forwards its rollup to its parent at most once per interval, so a burst of updates below becomes one
    /// report above and the province grain never queues thousands of calls. The province lags a leaf by at most
    /// depth × interval (5 levels × 100 ms).
    /// </summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Regions persist their children's rollups at most once per checkpoint interval. Losing the last interval in a
    /// crash is harmless: a region that did not shut down cleanly rebuilds its ledger from its children.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a failed report waits before it is retried.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a graceful stop waits for every pending report to reach its parent before regions give up
    /// their clean checkpoint (and rebuild from their children on the next start instead).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many children a parent probes at once when it rebuilds its ledger.</summary>
    public int ProbeConcurrency { get; set; } = 64;
}
