namespace Platform.Bench.Load;

/// <summary>Collected durations and their percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan duration)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(duration.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToList();
        var index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
