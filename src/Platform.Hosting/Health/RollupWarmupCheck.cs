using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Hosting.Startup;

namespace Platform.Hosting.Health;

/// <summary>Ready only once every tenant's regions are loaded, so the first dashboard read is served at once.</summary>
internal sealed class RollupWarmupCheck(RollupWarmup warmup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmup.Completed ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the regions' rollups are still loading after the start"));
}
