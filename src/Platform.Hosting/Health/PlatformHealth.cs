using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Hosting.Health;

/// <summary>
/// The probes of every host. <c>/health/live</c> runs no check at all (it never calls a grain or the database: a
/// process whose cluster or database is down is still alive, and restarting it would not help).
/// <c>/health/ready</c> runs the checks tagged <see cref="ReadyTag"/>: 200 <c>{"status":"ready"}</c> when all pass,
/// 503 problem details naming those that do not.
/// </summary>
public static class PlatformHealth
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddPlatformSiloChecks(this IHealthChecksBuilder checks) => checks
        .AddCheck<SiloJoinedCheck>("silo", tags: [ReadyTag])
        .AddCheck<StorageAnswersCheck>("storage", tags: [ReadyTag])
        .AddCheck<RollupWarmupCheck>("rollups", tags: [ReadyTag]);

    public static IHealthChecksBuilder AddPlatformClusterCheck(this IHealthChecksBuilder checks) => checks
        .AddCheck<ClusterAnswersCheck>("cluster", tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = (http, _) => WriteAsync(http, "live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadyAsync,
        });
        return app;
    }

    private static Task WriteReadyAsync(HttpContext http, HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            return WriteAsync(http, "ready");
        }

        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.GetType().Name ?? e.Value.Status.ToString()}");
        http.Response.ContentType = "application/problem+json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            title = "Not ready",
            status = StatusCodes.Status503ServiceUnavailable,
            detail = string.Join("; ", failing) + ". Wait and ask again; if it persists, read this process's log.",
        }));
    }

    private static Task WriteAsync(HttpContext http, string status)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { status }));
    }
}
