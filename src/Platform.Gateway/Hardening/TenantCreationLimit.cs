using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Domain.Tenancy;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Hardening;

/// <summary>
/// Limits how fast one caller creates tenants (<see cref="RateLimitSettings.TenantCreation"/>). A filter on the tenant
/// routes rather than a global limit, because only here is it known whether the tenant in a PUT exists: renames and
/// refused ids do not count.
/// </summary>
internal sealed class TenantCreationLimit(TenantDirectory tenants, IOptions<RateLimitSettings> settings) : IEndpointFilter, IDisposable
{
    private const string Route = "/api/v1/tenants/{tenant}";

    private readonly PartitionedRateLimiter<HttpContext> _limiter =
        PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimits.Bucket(RateLimits.CallerKey(context), settings.Value.TenantCreation));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!settings.Value.Enabled
            || !HttpMethods.IsPut(http.Request.Method)
            || http.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: Route }
            || http.Request.RouteValues["tenant"] is not string tenant
            || TenantIds.Problem(tenant) is not null
            || await tenants.ExistsAsync(tenant))
        {
            return await next(context);
        }

        using var lease = _limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        await RateLimits.RejectAsync(http, lease);
        return Results.Empty;
    }

    public void Dispose() => _limiter.Dispose();
}
