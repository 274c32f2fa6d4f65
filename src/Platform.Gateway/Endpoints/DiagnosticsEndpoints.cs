using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.Endpoints;

/// <summary>
/// Measurement hooks for the benchmark, off unless <c>Platform:Diagnostics=true</c>: a full garbage collection and
/// deactivating every grain are not things an ordinary caller should be able to trigger.
/// </summary>
internal static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("Platform:Diagnostics"))
        {
            return app;
        }

        var diagnostics = app.MapGroup("/diagnostics").ExcludeFromDescription();
        diagnostics.MapGet("/memory", Memory);
        diagnostics.MapPost("/deactivate-all", async (IGrainFactory grains) =>
        {
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            return TypedResults.NoContent();
        });
        return app;
    }

    /// <summary>Managed heap after a full, compacting collection; the process working set; live grain activations.</summary>
    private static async Task<Ok<MemoryReport>> Memory(IGrainFactory grains)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        using var process = Process.GetCurrentProcess();
        return TypedResults.Ok(new MemoryReport(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, activations));
    }

    internal sealed record MemoryReport(long ManagedHeapBytes, long WorkingSetBytes, int Activations);
}
