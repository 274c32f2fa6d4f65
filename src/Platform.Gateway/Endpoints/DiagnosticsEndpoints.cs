using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Audit;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

/// <summary>
/// Measurement hooks for the benchmark, off unless <c>Platform:Diagnostics=true</c>: a full garbage collection,
/// deactivating every grain and routes taken on trust without a token are not things an ordinary caller should be able
/// to reach.
/// </summary>
internal static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("Platform:Diagnostics"))
        {
            return app;
        }

        var diagnostics = app.MapGroup("/diagnostics").ExcludeFromDescription().AddEndpointFilter<RequestBodyFilter>();
        diagnostics.MapGet("/memory", Memory);
        diagnostics.MapPost("/deactivate-all", async (IGrainFactory grains) =>
        {
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            return TypedResults.NoContent();
        });
        diagnostics.MapPut("/echo/orgs/{code}/assessment", Echo);

        // The same, behind a valid token: the difference between the two is what authentication costs a request.
        diagnostics.MapPut("/echo-signed-in/orgs/{code}/assessment", Echo).RequireAuthorization();

        // The tenant's node and assessment routes again, taken on trust as the tenant's admin (no token, no access
        // check): beside the real routes, what authentication and authorization cost a submission and a read.
        diagnostics.MapGroup("/trusted/tenants/{tenant}")
            .AddEndpointFilter<TrustedCallerFilter>()
            .AddEndpointFilter<AuditFilter>()
            .MapNodeEndpoints()
            .MapAssessmentEndpoints();
        return app;
    }

    private static readonly FrameworkVersion EchoFramework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);

    /// <summary>
    /// A submission's HTTP path without the platform behind it: the same body bound and scored, the same answer
    /// written, but no grain call and no storage. Its throughput is what HTTP and JSON alone allow on the machine, the
    /// other ceiling a submission lives under besides the storage's.
    /// </summary>
    private static Results<Ok<AssessmentDto>, ProblemHttpResult> Echo(string code, AssessmentRequest request, HttpResponse response)
    {
        var scored = Assessor.Score(EchoFramework, request.ToInput());
        if (scored.Assessment is not { } assessment)
        {
            return Problems.Invalid(scored.Errors);
        }

        response.Headers.ETag = ETags.Of(1);
        return TypedResults.Ok(AssessmentDto.From(new AssessmentView(code, 1, assessment, DateTimeOffset.UtcNow, null)));
    }

    /// <summary>Live grain activations, counted first (a collection takes time, and a test may ask what was active at the
    /// moment it called); then the managed heap after a full, compacting collection and the process working set.</summary>
    private static async Task<Ok<MemoryReport>> Memory(IGrainFactory grains)
    {
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return TypedResults.Ok(new MemoryReport(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, activations));
    }

    internal sealed record MemoryReport(long ManagedHeapBytes, long WorkingSetBytes, int Activations);
}
