using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class AssessmentEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapAssessmentEndpoints(this RouteGroupBuilder tenant)
    {
        var orgs = tenant.MapGroup("/orgs").WithTags("Assessments");
        orgs.MapGet("/{code}/assessment", Get).AnswersETag()
            .Requires(Operation.Read, AccessTarget.Node)
            .WithSummary("A branch's current assessment, with its ETag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        orgs.MapPut("/{code}/assessment", Put).AnswersETag()
            .Requires(Operation.RecordBaseline, AccessTarget.Node)
            .WithSummary("Record a baseline assessment of a branch or joint branch, before any campaign has rated it")
            .WithDescription("Scored on the current framework version and audited in the signed-in account's name. Once a campaign's final has rated the branch, its rating changes only through the next final, a veto event or an admin's correction: this route answers 409. Once an assessment exists, send If-Match with its ETag: a stale ETag gets 412, a missing one 428.")
            .GuardedCommand(MaxBodyBytes);
        orgs.MapPost("/{code}/assessment/vetoes", PostVeto).AnswersETag()
            .Requires(Operation.RecordVeto, AccessTarget.Node)
            .WithSummary("Record a veto event (一票否决) during the year: the standing rating drops at once to the veto's cap")
            .WithDescription("Needs If-Match with the assessment's ETag, the veto item of the framework version that scored the rating and a reason; leaves an audit line in the signed-in account's name.")
            .GuardedCommand(MaxBodyBytes);
        orgs.MapPost("/{code}/assessment/corrections", PostCorrection).AnswersETag()
            .Requires(Operation.CorrectRating, AccessTarget.Node)
            .WithSummary("A tenant admin's correction of a standing rating (更正), with a reason for each changed indicator")
            .WithDescription("Rescored on the framework version that scored the rating. Refused (409) when it would put a region over the quota (名额) of the campaign that set the rating. Needs If-Match with the assessment's ETag and a reason; leaves an audit line in the signed-in account's name.")
            .GuardedCommand(MaxBodyBytes);
        orgs.MapGet("/{code}/assessment/history", GetHistory)
            .Requires(Operation.Read, AccessTarget.Node)
            .WithSummary("Every change to the branch's standing rating: who, when, by which path, from what to what, and why (留痕)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tenant;
    }

    private static async Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> Get(string code, TenantAccess access, HttpResponse response)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not an organisation code");
        }

        var outcome = await access.Node.GetAssessment();
        return Reply(outcome, response);
    }

    private static Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> Put(
        string code, AssessmentRequest request, TenantAccess access, HttpRequest http, HttpResponse response) =>
        CommandAsync(code, http, response, expected => access.Node.PutAssessment(request.ToInput(), expected));

    private static Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> PostVeto(
        string code, VetoEventRequest request, TenantAccess access, HttpRequest http, HttpResponse response) =>
        string.IsNullOrWhiteSpace(request.VetoId)
            ? Task.FromResult<Results<Ok<AssessmentDto>, ProblemHttpResult>>(Problems.Invalid("vetoId", "name the veto item that occurred, e.g. V1"))
            : CommandAsync(code, http, response, expected => access.Node.ApplyVeto(request.VetoId, request.Reason ?? "", expected));

    private static Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> PostCorrection(
        string code, CorrectionRequest request, TenantAccess access, HttpRequest http, HttpResponse response) =>
        CommandAsync(code, http, response, expected => access.Node.CorrectAssessment(request.ToChanges(), request.Reason ?? "", expected));

    /// <summary>The checks every rating command shares (a code, a well-formed If-Match), then the command and its answer with the new ETag.</summary>
    private static async Task<Results<Ok<AssessmentDto>, ProblemHttpResult>> CommandAsync(
        string code, HttpRequest http, HttpResponse response, Func<int?, Task<Outcome<AssessmentView>>> command)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not an organisation code");
        }

        var (expected, badIfMatch) = ETags.IfMatch(http);
        return badIfMatch is not null ? Problems.Invalid([badIfMatch]) : Reply(await command(expected), response);
    }

    private static async Task<Results<Ok<RatingChangeDto[]>, ProblemHttpResult>> GetHistory(string code, TenantAccess access)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not an organisation code");
        }

        var history = await access.Node.GetRatingHistory();
        return history.Succeeded ? TypedResults.Ok(history.Value!.Select(RatingChangeDto.From).ToArray()) : Problems.Of(history);
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
