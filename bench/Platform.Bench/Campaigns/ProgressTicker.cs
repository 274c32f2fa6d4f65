using System.Diagnostics;

namespace Platform.Bench.Campaigns;

/// <summary>A line every few seconds while one long grain call runs, so a step that takes minutes is visibly alive
/// and, where <c>line</c> can read progress from elsewhere, visibly moving.</summary>
public sealed class ProgressTicker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="line">Extra detail for the line, given the elapsed time; empty for none.</param>
    public ProgressTicker(TextWriter log, Stopwatch watch, TimeSpan interval, Func<TimeSpan, Task<string>> line)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    string detail;
                    try
                    {
                        detail = await line(watch.Elapsed);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // Progress is a courtesy: a read that fails must not disturb the step it reports on.
                        detail = $"(progress unavailable: {exception.GetType().Name})";
                    }

                    log.WriteLine($"    … {watch.Elapsed.TotalSeconds:F0} s{(detail.Length > 0 ? $": {detail}" : "")}");
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
