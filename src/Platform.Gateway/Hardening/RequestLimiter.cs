using System.Threading.RateLimiting;

namespace Platform.Gateway.Hardening;

/// <summary>
/// The global rate limiter: hands each request to the chain of buckets that apply to it (tenant data, sign-in, the
/// rest), so no request pays for looking up buckets it is not counted in.
/// </summary>
internal sealed class RequestLimiter(
    PartitionedRateLimiter<HttpContext> tenantRequests,
    PartitionedRateLimiter<HttpContext> signIns,
    PartitionedRateLimiter<HttpContext> others,
    IReadOnlyList<PartitionedRateLimiter<HttpContext>> owned) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => For(resource).GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => For(resource).AttemptAcquire(resource, permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        For(resource).AcquireAsync(resource, permitCount, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var limiter in owned)
            {
                limiter.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private PartitionedRateLimiter<HttpContext> For(HttpContext context) =>
        RateLimits.IsSignIn(context.Request) ? signIns
        : RateLimits.TenantOf(context.Request.Path) is not null ? tenantRequests
        : others;
}
