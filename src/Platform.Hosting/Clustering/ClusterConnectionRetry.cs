using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Clustering;

/// <summary>Keeps a starting client trying to reach the cluster (silos start in any order relative to the gateways)
/// until the host stops.</summary>
internal sealed partial class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetrying(exception.Message);
        await Task.Delay(Delay, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo answers yet ({Reason}); trying again")]
    private partial void LogRetrying(string reason);
}
