using Platform.Contracts.Identity;

namespace Platform.Gateway.Identity;

/// <summary>The one way an endpoint learns who is calling.</summary>
public static class HttpContextCaller
{
    /// <summary>The signed-in caller of this request, or null when the request carries no valid token. Every grain call
    /// the request makes carries the same caller (<see cref="CallerContext"/>).</summary>
    public static Caller? Caller(this HttpContext http) => http.Features.Get<CallerFeature>()?.Caller;

    internal static void SetCaller(this HttpContext http, Caller caller) => http.Features.Set(new CallerFeature(caller));

    private sealed record CallerFeature(Caller Caller);
}
