using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// The machine's 1-minute load average, read from <c>/proc/loadavg</c> every 10 s while a run lasts: on a shared
/// machine the figures mean little without knowing how busy it was with other work.
/// </summary>
public sealed class LoadAverageSampler : IAsyncDisposable
{
    private readonly List<double> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public LoadAverageSampler() => _sampling = Task.Run(SampleAsync);

    /// <summary>"mean 3.1, min 1.2, max 6.0", or "not available" off Linux.</summary>
    public string Describe()
    {
        lock (_samples)
        {
            return _samples.Count == 0
                ? "not available"
                : string.Create(CultureInfo.InvariantCulture, $"mean {_samples.Average():F1}, min {_samples.Min():F1}, max {_samples.Max():F1} over {_samples.Count} readings");
        }
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested && File.Exists("/proc/loadavg"))
        {
            var value = double.Parse((await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0], CultureInfo.InvariantCulture);
            lock (_samples)
            {
                _samples.Add(value);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
