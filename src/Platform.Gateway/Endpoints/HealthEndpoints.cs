using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Tenancy;
using Platform.Hosting.Startup;

namespace Platform.Gateway.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>A key no tenant can have (tenant ids cannot start with '_'), so the probe never touches real data.</summary>
    private const string ProbeKey = "_health/tenant";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").ExcludeFromDescription();
        health.MapGet("/live", () => TypedResults.Ok(new { status = "live" }));
        health.MapGet("/ready", Ready);
        return app;
    }

    /// <summary>Ready when every tenant's regions are loaded (their rollups can be served at once) and a grain can be
    /// activated and its state read from storage.</summary>
    private static async Task<Results<Ok<object>, ProblemHttpResult>> Ready(IGrainFactory grains, RollupWarmup warmup, CancellationToken cancellationToken)
    {
        if (!warmup.Completed)
        {
            return TypedResults.Problem("the regions' rollups are still loading after the start", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }

        try
        {
            await grains.GetGrain<ITenantGrain>(ProbeKey).Get().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return TypedResults.Ok<object>(new { status = "ready" });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return TypedResults.Problem($"the silo or its storage is not answering: {exception.GetType().Name}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }
    }
}
