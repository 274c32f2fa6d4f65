using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Contracts.Tenancy;

namespace Platform.Hosting.Health;

/// <summary>Ready only while a grain can be activated somewhere in the cluster and its state read from storage: what
/// every request of a gateway needs, whether its silo is in the process or it is a client of silos elsewhere.</summary>
internal sealed class ClusterAnswersCheck(IGrainFactory grains) : IHealthCheck
{
    /// <summary>A key no tenant can have (tenant ids cannot start with '_'), so the probe never touches real data.</summary>
    private const string ProbeKey = "_health/tenant";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<ITenantGrain>(ProbeKey).Get().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"no silo answers, or its storage does not ({exception.GetType().Name})", exception);
        }
    }
}
