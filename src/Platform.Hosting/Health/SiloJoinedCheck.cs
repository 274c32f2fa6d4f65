using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Platform.Hosting.Health;

/// <summary>Ready only once this silo is Active in the cluster's membership (not joining, not shutting down).</summary>
internal sealed class SiloJoinedCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"the silo is {membership.CurrentStatus}, not Active in the cluster"));
}
