using System.Collections.Concurrent;

namespace Platform.Grains.Tests.Infrastructure;

/// <summary>
/// Makes chosen grain calls fail, to stand in for a crash at an exact point: either before the call runs, or after it
/// ran and stored its result but before the caller heard back (the case that tempts a retry to count twice). Or makes
/// them slow, as a loaded network or storage makes them, to widen the windows in which other calls interleave.
/// </summary>
public sealed class FaultInjection : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(string Key, string Method), FaultPoint> Armed = new();
    private static readonly ConcurrentDictionary<string, Func<TimeSpan>> Delays = new();

    public enum FaultPoint
    {
        BeforeCall,
        AfterCall,
    }

    /// <summary>The next call of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/> fails once.</summary>
    public static void FailOnce(string grainKey, string method, FaultPoint point) => Armed[(grainKey, method)] = point;

    /// <summary>Every call of <paramref name="method"/>, on any grain, waits <paramref name="delay"/> before it runs,
    /// until the returned scope is disposed.</summary>
    public static IDisposable Delay(string method, Func<TimeSpan> delay)
    {
        Delays[method] = delay;
        return new Scope(() => Delays.TryRemove(method, out _));
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod?.Name ?? "";
        if (Delays.TryGetValue(method, out var delay))
        {
            await Task.Delay(delay());
        }

        var key = (context.TargetId.Key.ToString()!, method);
        if (!Armed.TryRemove(key, out var point))
        {
            await context.Invoke();
            return;
        }

        if (point == FaultPoint.AfterCall)
        {
            await context.Invoke();
        }

        throw new InvalidOperationException($"injected fault in {key.Item2} on {key.Item1} ({point})");
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
