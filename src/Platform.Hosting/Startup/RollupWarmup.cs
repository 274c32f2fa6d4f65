using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Tenancy;
using Platform.Domain.Hierarchy;

namespace Platform.Hosting.Startup;

/// <summary>
/// After a start, loads every tenant's regions (province, cities, counties) before the platform calls itself ready,
/// so the first dashboard read is served at once instead of waiting while a region that did not stop cleanly rebuilds
/// from everything below it. Runs in the background: liveness answers meanwhile, readiness waits for it.
/// </summary>
public sealed partial class RollupWarmup(IGrainFactory grains, ILogger<RollupWarmup> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Completed => _completed.Task.IsCompleted;

    /// <summary>Completes when every tenant's regions are loaded.</summary>
    public Task WhenCompleted => _completed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var stopwatch = Stopwatch.StartNew();
                var regions = await WarmAllAsync(stoppingToken);
                LogWarmed(regions, stopwatch.Elapsed.TotalSeconds);
                _completed.TrySetResult();
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetrying(exception);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task<int> WarmAllAsync(CancellationToken cancellationToken)
    {
        var warmed = 0;
        foreach (var tenant in await grains.GetGrain<ITenantRegistryGrain>(GrainKeys.TenantRegistry).List())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Get() is { RootCode: { } root })
            {
                warmed += await WarmRegionAsync(tenant, root);
            }
        }

        return warmed;
    }

    /// <summary>Reads the region's rollup (activating it, and rebuilding it if it must) and then its child regions.</summary>
    private async Task<int> WarmRegionAsync(string tenant, string code)
    {
        var node = grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code));
        await node.GetSummary();
        var regions = (await node.GetChildren()).Where(c => c.Kind.IsRegion()).ToList();
        var counts = await Task.WhenAll(regions.Select(child => WarmRegionAsync(tenant, child.Code)));
        return 1 + counts.Sum();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollups ready: {Regions} regions loaded in {Seconds:F1} s")]
    private partial void LogWarmed(int regions, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the regions' rollups failed; retrying")]
    private partial void LogRetrying(Exception exception);
}
