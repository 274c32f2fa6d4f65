using System.Collections.Concurrent;

namespace Platform.Grains.Tests.Infrastructure;

/// <summary>
/// Makes chosen grain calls fail, to stand in for a crash at an exact point: either before the call runs, or after it
/// ran and stored its result but before the caller heard back (the case that tempts a retry to count twice).
/// </summary>
public sealed class FaultInjection : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(string Key, string Method), FaultPoint> Armed = new();

    public enum FaultPoint
    {
        BeforeCall,
        AfterCall,
    }

    /// <summary>The next call of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/> fails once.</summary>
    public static void FailOnce(string grainKey, string method, FaultPoint point) => Armed[(grainKey, method)] = point;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var key = (context.TargetId.Key.ToString()!, context.InterfaceMethod?.Name ?? "");
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
}
