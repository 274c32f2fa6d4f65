using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Gateway.Api;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class AssessmentEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapAssessmentEndpoints(this RouteGroupBuilder tenant)
    {
        var orgs = tenant.MapGroup("/orgs").WithTags("Assessments");
        orgs.MapGet("/{code}/assessment", Get)
            .WithSummary("A branch's current assessment, with its ETag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        orgs.MapPut("/{code}/assessment", Put)
            .WithSummary("Score and store the current period's assessment of a branch or joint branch")
            .WithDescription("Once an assessment exists, send If-Match with its ETag: a stale ETag gets 412, a missing one 428, so two editors cannot silently overwrite each other.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return tenant;
    }

    private static async Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> Get(string tenant, string code, IGrainFactory grains, HttpResponse response)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not an organisation code");
        }

        var outcome = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code)).GetAssessment();
        return Reply(outcome, response);
    }

    private static async Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> Put(
        string tenant, string code, AssessmentRequest request, IGrainFactory grains, HttpRequest http, HttpResponse response)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not an organisation code");
        }

        var (expected, badIfMatch) = ETags.IfMatch(http);
        if (badIfMatch is not null)
        {
            return Problems.Invalid([badIfMatch]);
        }

        var outcome = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code)).PutAssessment(request.ToInput(), expected);
        return Reply(outcome, response);
    }

    private static Results<Ok<AssessmentDto>, ProblemHttpResult> Reply(Outcome<AssessmentView> outcome, HttpResponse response)
    {
        if (!outcome.Succeeded)
        {
            return Problems.Of(outcome);
        }

        response.Headers.ETag = ETags.Of(outcome.Value!.Revision);
        return TypedResults.Ok(AssessmentDto.From(outcome.Value));
    }
}
