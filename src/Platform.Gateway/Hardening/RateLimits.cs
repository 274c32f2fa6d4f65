using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Contracts.Identity;

namespace Platform.Gateway.Hardening;

/// <summary>
/// The rate limits of <see cref="RateLimitSettings"/> as one global limiter chained from a partitioned limiter per kind:
/// per account (or address), per tenant, and sign-in per address and per username. Creating tenants has a limit of
/// its own (<see cref="TenantCreationLimit"/>), since only the route knows whether a tenant is new.
/// </summary>
internal static class RateLimits
{
    public const string SignInPath = "/api/v1/auth/sign-in";

    private const string SignInUserItem = "platform.signInUser";

    /// <summary>The sign-in body read to find the username is small; anything longer is not a sign-in.</summary>
    private const int MaxSignInBodyBytes = 4 * 1024;

    public static void Configure(RateLimiterOptions options, RateLimitSettings settings)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = RejectAsync;
        var callers = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var key = CallerKey(context);
            return Bucket(key, key.StartsWith("account:", StringComparison.Ordinal) ? settings.Account : settings.Address);
        });
        var tenants = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            TenantOf(context.Request.Path) is { } tenant ? Bucket($"tenant:{tenant}", settings.Tenant) : None);
        var signInAddresses = PartitionedRateLimiter.Create<HttpContext, string>(context => Bucket($"sign-in:{AddressOf(context)}", settings.SignInAddress));
        var signInUsers = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Items[SignInUserItem] is string user ? Bucket($"sign-in-user:{user}", settings.SignInUsername) : None);

        // Each request draws only from the buckets that apply to it: a read of tenant data from two, a sign-in from
        // three, anything else from its caller's alone.
        options.GlobalLimiter = new RequestLimiter(
            PartitionedRateLimiter.CreateChained(callers, tenants),
            PartitionedRateLimiter.CreateChained(callers, signInAddresses, signInUsers),
            callers,
            [callers, tenants, signInAddresses, signInUsers]);
    }

    /// <summary>The partition of a caller: its account when signed in (tenant and <c>sub</c>), else its address.</summary>
    public static string CallerKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true } && context.User.FindFirst(PlatformClaims.Subject)?.Value is { Length: > 0 } subject
            ? $"account:{context.User.FindFirst(PlatformClaims.Tenant)?.Value}/{subject}"
            : $"address:{AddressOf(context)}";

    /// <summary>
    /// Finds who a sign-in is for before the limiter runs, so attempts on one username are limited from any address.
    /// Reads at most a few KB of the body and puts it back for the endpoint.
    /// </summary>
    public static async Task CaptureSignInUser(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (IsSignIn(request) && request.ContentLength is null or (> 0 and <= MaxSignInBodyBytes))
        {
            request.EnableBuffering();
            try
            {
                var buffer = new byte[MaxSignInBodyBytes + 1];
                var read = 0;
                for (int n; read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted)) > 0;)
                {
                    read += n;
                }

                using var body = JsonDocument.Parse(read <= MaxSignInBodyBytes ? buffer.AsMemory(0, read) : ReadOnlyMemory<byte>.Empty);
                if (body.RootElement.ValueKind == JsonValueKind.Object
                    && body.RootElement.TryGetProperty("username", out var username) && username.ValueKind == JsonValueKind.String)
                {
                    var tenant = body.RootElement.TryGetProperty("tenant", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "";
                    context.Items[SignInUserItem] = $"{tenant}/{username.GetString()}".ToLowerInvariant();
                }
            }
            catch (JsonException)
            {
                // Not JSON, or longer than any sign-in: the endpoint refuses it; the per-address limit still applies.
            }
            finally
            {
                request.Body.Position = 0;
            }
        }

        await next();
    }

    private static readonly RateLimitPartition<string> None = RateLimitPartition.GetNoLimiter("");

    public static RateLimitPartition<string> Bucket(string key, TokenBucket bucket)
    {
        // The partitioned limiter refills its buckets on a 100 ms heartbeat, so no period is shorter than that.
        var (tokens, period) = bucket.PerSecond >= 10
            ? ((int)Math.Round(bucket.PerSecond / 10), TimeSpan.FromMilliseconds(100))
            : (1, TimeSpan.FromSeconds(1 / Math.Max(bucket.PerSecond, 0.001)));
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, bucket.Burst),
            TokensPerPeriod = Math.Max(1, tokens),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = false,
        });
    }

    private static ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken) =>
        new(RejectAsync(rejected.HttpContext, rejected.Lease));

    /// <summary>429 with Retry-After (from the bucket when it says, else a second) and problem details.</summary>
    public static async Task RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"this caller or tenant sent more requests than the platform takes at once; wait {seconds} s (Retry-After) and send fewer at a time",
            },
        });
    }

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The tenant of a path under <c>/api/v1/tenants/{tenant}</c>, or null.</summary>
    public static string? TenantOf(PathString path)
    {
        if (!path.StartsWithSegments("/api/v1/tenants", StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue)
        {
            return null;
        }

        var value = rest.Value.AsSpan(1);
        var slash = value.IndexOf('/');
        var tenant = slash < 0 ? value : value[..slash];
        return tenant.Length == 0 ? null : tenant.ToString();
    }

    public static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase);
}
