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
}
