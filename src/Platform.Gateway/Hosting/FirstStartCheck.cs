using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Gateway.Seeding;

namespace Platform.Gateway.Hosting;

/// <summary>Ready only once the cluster's first-start work is done (by this gateway or another): the operator
/// account, and the demo tenant unless <c>Platform:Seed:Demo=false</c>, so nobody is sent to a half-seeded demo.</summary>
internal sealed class FirstStartCheck(FirstStart firstStart, IOptions<DemoSeedOptions> seed) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string[] jobs = seed.Value.Demo ? [FirstStart.Operator, FirstStart.DemoSeed] : [FirstStart.Operator];
        foreach (var job in jobs)
        {
            if (!await firstStart.IsDoneAsync(job).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"the first-start work '{job}' is not done yet");
            }
        }

        return HealthCheckResult.Healthy();
    }
}
