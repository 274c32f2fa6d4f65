namespace Platform.Contracts.Identity;

/// <summary>
/// The caller of the current request, carried across grain calls in Orleans' <see cref="RequestContext"/>: the gateway
/// sets it before it calls a grain, and every grain call made while serving that request carries it along.
/// </summary>
public static class CallerContext
{
    private const string Key = "platform.caller";

    public static Caller? Current => RequestContext.Get(Key) as Caller;

    public static void Set(Caller caller) => RequestContext.Set(Key, caller);

    public static void Clear() => RequestContext.Remove(Key);

    /// <summary>Makes <paramref name="caller"/> the caller of the grain calls that follow, until the scope is disposed,
    /// which puts back the caller before it: <c>using var _ = CallerContext.As(Caller.System(tenant, "deadline"));</c></summary>
    public static Scope As(Caller caller)
    {
        var previous = Current;
        Set(caller);
        return new Scope(previous);
    }

    /// <summary>What <see cref="As"/> restores.</summary>
    public readonly struct Scope(Caller? previous) : IDisposable
    {
        public void Dispose()
        {
            if (previous is null)
            {
                Clear();
            }
            else
            {
                Set(previous);
            }
        }
    }
}
