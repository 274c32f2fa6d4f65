using Platform.Contracts.Identity;
using Platform.Domain.Identity;
using Platform.Gateway.Identity;

namespace Platform.Gateway.Access;

/// <summary>
/// For the benchmark only (mapped under <c>/diagnostics</c>, which exists only when <c>Platform:Diagnostics=true</c>):
/// lets a request reach a tenant route as that tenant's admin without a token, no scope check and no rate limit of an
/// account, granting what the route's <see cref="AccessRequirement"/> names as <see cref="AccessFilter"/> would. The
/// same routes with and without it differ by exactly what signing in and authorization cost a request.
/// </summary>
internal sealed class TrustedCallerFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var requirement = http.GetEndpoint()?.Metadata.GetMetadata<AccessRequirement>()
            ?? throw new InvalidOperationException($"{http.Request.Path} declares no access requirement");
        var tenant = (string)http.Request.RouteValues["tenant"]!;
        var caller = new Caller(tenant, "diagnostics:trusted", "diagnostics", Role.TenantAdmin, null);
        http.SetCaller(caller);
        http.Features.Set(new AccessGrant(caller, tenant, requirement,
            http.Request.RouteValues[AccessRequirement.CodeRouteValue] as string, http.Request.RouteValues[AccessRequirement.CampaignRouteValue] as string));
        using var _ = CallerContext.As(caller);
        return await next(context);
    }
}
