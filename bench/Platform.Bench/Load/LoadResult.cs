namespace Platform.Bench.Load;

/// <summary>What a load phase achieved: requests per second, latency percentiles and errors.</summary>
public sealed record LoadResult(int Completed, int Errors, double Seconds, double P50, double P95, double P99)
{
    public double PerSecond => Completed / Seconds;

    public static LoadResult From(Latencies latencies, int errors, double seconds) =>
        new(latencies.Count, errors, seconds, latencies.Percentile(50), latencies.Percentile(95), latencies.Percentile(99));
}
