using System.Diagnostics;

namespace Platform.Bench.Load;

/// <summary>Two ways to load a server: as many requests as N clients can make (closed loop), or a fixed rate (open loop).</summary>
public static class LoadRunner
{
    /// <summary><paramref name="clients"/> clients each send a request as soon as the last one answered, for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> ClosedLoopAsync(int clients, TimeSpan duration, Func<CancellationToken, Task<bool>> request)
    {
        var latencies = new Latencies();
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                var started = watch.Elapsed;
                var ok = await Attempt(request);
                if (ok)
                {
                    latencies.Add(watch.Elapsed - started);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return LoadResult.From(latencies, errors, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Starts <paramref name="perSecond"/> requests a second, whether or not earlier ones answered, for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> OpenLoopAsync(int perSecond, TimeSpan duration, Func<CancellationToken, Task<bool>> request)
    {
        var latencies = new Latencies();
        var errors = 0;
        var inFlight = new List<Task>();
        var watch = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        for (var sent = 0; watch.Elapsed < duration; sent++)
        {
            var due = interval * sent;
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }

            inFlight.Add(Task.Run(async () =>
            {
                var started = watch.Elapsed;
                if (await Attempt(request))
                {
                    latencies.Add(watch.Elapsed - started);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return LoadResult.From(latencies, errors, duration.TotalSeconds);
    }

    private static async Task<bool> Attempt(Func<CancellationToken, Task<bool>> request)
    {
        try
        {
            return await request(CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
