using Platform.Contracts.Identity;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Identity;

/// <summary>
/// After authentication: turns a valid token into the request's <see cref="Caller"/> (<see cref="HttpContextCaller.Caller"/>)
/// and puts it in <see cref="CallerContext"/>, so every grain call of the request carries it. It refuses, before any
/// endpoint runs, the people of a suspended tenant and an account that must first change its one-time password.
/// </summary>
internal sealed class CallerMiddleware(RequestDelegate next, TenantDirectory tenants)
{
    /// <summary>What a token with a one-time password may still do.</summary>
    private static readonly PathString[] WhileMustChangePassword = ["/api/v1/auth/password", "/api/v1/auth/sign-out"];

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }

        if (CallerClaims.Read(http.User) is not { } caller)
        {
            await Refuse(http, StatusCodes.Status401Unauthorized, "Not signed in",
                "the token does not say who you are (its subject, name, role or tenant is missing); sign in again");
            return;
        }

        if (caller.Tenant is { } tenant && await tenants.IsSuspendedAsync(tenant))
        {
            await Refuse(http, StatusCodes.Status403Forbidden, "Tenant suspended", TenantDirectory.SuspendedDetail(tenant));
            return;
        }

        if (CallerClaims.MustChangePassword(http.User) && !WhileMustChangePassword.Contains(http.Request.Path))
        {
            await Refuse(http, StatusCodes.Status403Forbidden, "Password change required",
                "this account still has a one-time password: change it with POST /api/v1/auth/password, then use the token that answer gives");
            return;
        }

        http.SetCaller(caller);
        CallerContext.Set(caller);
        try
        {
            await next(http);
        }
        finally
        {
            CallerContext.Clear();
        }
    }

    private static Task Refuse(HttpContext http, int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(http);
}
