using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;

namespace Platform.Grains.Hierarchy;

/// <summary>
/// On a graceful stop (SIGTERM), before Orleans deactivates any grain, pushes every pending report up the hierarchy
/// until none is left, so each region's last checkpoint is complete and a restart serves exact totals at once. Nodes
/// refuse new changes from the moment the drain begins (the caller is told to retry), otherwise a write arriving after
/// the drain could leave a report that no stopping silo can deliver.
/// </summary>
public sealed partial class ReportDrainParticipant(
    ReportDrain drain,
    IGrainFactory grains,
    IOptions<RollupOptions> options,
    ILogger<ReportDrainParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Stops before the silo itself begins to stop (stages stop in descending order), while every grain can
    /// still be reached and activated.</summary>
    public const int Stage = ServiceLifecycleStage.Active + 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ReportDrainParticipant), Stage, _ => Task.CompletedTask, DrainAsync);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        using var platform = CallerContext.As(Caller.System(null, "drain"));
        drain.BeginDraining();
        var deadline = DateTimeOffset.UtcNow + options.Value.DrainTimeout;
        var rounds = 0;
        while (drain.PendingCount > 0 && DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            rounds++;
            foreach (var batch in drain.PendingKeys.Chunk(options.Value.ProbeConcurrency))
            {
                await Task.WhenAll(batch.Select(FlushAsync));
            }
        }

        var drained = drain.PendingCount == 0;
        drain.EndDraining(drained);
        if (drained)
        {
            LogDrained(rounds);
        }
        else
        {
            LogNotDrained(drain.PendingCount, rounds);
        }
    }

    private async Task FlushAsync(string key)
    {
        try
        {
            await grains.GetGrain<INodeGrain>(key).FlushReport();
        }
        catch (Exception exception)
        {
            LogFlushFailed(exception, key);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollup reports drained in {Rounds} rounds; regions checkpoint as clean")]
    private partial void LogDrained(int rounds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pending} rollup reports still pending after {Rounds} drain rounds; regions will rebuild from their children on the next start")]
    private partial void LogNotDrained(int pending, int rounds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Key} could not flush its report while draining")]
    private partial void LogFlushFailed(Exception exception, string key);
}
