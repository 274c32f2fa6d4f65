using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Hosting.Storage;

namespace Platform.Hosting.Health;

/// <summary>Ready only while the storage mode's database answers a query on the providers' own table (the one
/// that holds their SQL), through the same data source the providers use.</summary>
internal sealed class StorageAnswersCheck(PlatformDataSource data) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await using var command = data.Source.CreateCommand("SELECT COUNT(*) FROM OrleansQuery");
            var queries = Convert.ToInt64(await command.ExecuteScalarAsync(timeout.Token), System.Globalization.CultureInfo.InvariantCulture);
            return queries > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the database holds none of the providers' queries: run the migrations");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the database does not answer ({exception.GetType().Name})", exception);
        }
    }
}
