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
internal sealed class TenantCreationLimit(TenantDirectory tenants, TenantCreationLimit.Buckets buckets) : IEndpointFilter
{
    /// <summary><c>PUT /api/v1/tenants/{tenant}</c>.</summary>
    private const string Operation = "TenantUpsert";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (buckets.Limiter is not { } limiter
            || !HttpMethods.IsPut(http.Request.Method)
            || http.GetEndpoint() is not { } endpoint
            || OperationIds.Of(endpoint) != Operation
            || http.Request.RouteValues["tenant"] is not string tenant
            || TenantIds.Problem(tenant) is not null
            || await tenants.ExistsAsync(tenant))
        {
            return await next(context);
        }

        using var lease = limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        await RateLimits.RejectAsync(http, lease);
        return Results.Empty;
    }

    /// <summary>The callers' buckets, for the life of the app (a filter instance lives for one request).</summary>
    internal sealed class Buckets(IOptions<RateLimitSettings> settings) : IDisposable
    {
        public PartitionedRateLimiter<HttpContext>? Limiter { get; } = settings.Value.Enabled
            ? PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimits.Bucket(RateLimits.CallerKey(context), settings.Value.TenantCreation))
            : null;

        public void Dispose() => Limiter?.Dispose();
    }
}
