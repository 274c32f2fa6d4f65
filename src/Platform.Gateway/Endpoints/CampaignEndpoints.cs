using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Framework;
using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;
using Platform.Gateway.Api;
using Platform.Gateway.Campaigns;
using Platform.Gateway.Exports;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class CampaignEndpoints
{
    private const long MaxBodyBytes = 256 * 1024;

    /// <summary>A stage and an actor.</summary>
    private const long MaxAdvanceBodyBytes = 4 * 1024;

    public static RouteGroupBuilder MapCampaignEndpoints(this RouteGroupBuilder tenant)
    {
        var campaigns = tenant.MapGroup("/campaigns").WithTags("Campaigns")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        campaigns.MapPost("/", Create).WithSummary("Create a campaign (draft): kind, scope, pinned framework version, stage deadlines, cross-check and quotas");
        campaigns.MapGet("/", List).WithSummary("The tenant's campaigns");
        campaigns.MapGet("/{id}", Get).WithSummary("A campaign: definition, stage and history");
        campaigns.MapPost("/{id}/advance", Advance)
            .WithSummary("Move to the next stage (draft → selfAssessment → review → crossCheck → publicity → final)")
            .WithDescription("Stages are never skipped. Opening self-assessment fixes the roster; opening the cross-check draws the sample; final waits for the tenant's minimum publicity (公示, minimumPublicityDays) and for every appeal to be decided (until then the campaign stays in publicity, taking appeals), then closes appeals, applies quotas (each demotion an audit line on 'rating') and makes every result official. A final that was interrupted is finished by advancing to final again.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxAdvanceBodyBytes));

        var branch = campaigns.MapGroup("/{id}/branches/{code}")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        branch.MapGet("/", GetEntry).WithSummary("One branch's part in the campaign, with its ETag");
        branch.MapPut("/self-assessment", PutSelfAssessment).WithSummary("A branch's self-assessment (自评); revisable until the stage closes");
        branch.MapPut("/review", PutReview).WithSummary("The supervising region's review (审核): changed indicators with a reason each");
        branch.MapPut("/cross-check", PutCrossCheck).WithSummary("The cross-region check (交叉检查) by the city assigned to the branch");
        branch.MapPost("/appeal", PostAppeal).WithSummary("An appeal (申诉) during publicity: disputed indicators and a reason");
        branch.MapPut("/appeal/decision", PutAppealDecision).WithSummary("The final decision on an appeal");
        branch.MapGet("/audit", GetEntryAudit).WithSummary("Every score change of the branch in this campaign (留痕)");
        campaigns.MapGet("/{id}/cross-check", GetAssignments)
            .WithSummary("The cross-region draw: each sampled branch and the city whose reviewers re-score it (filter with reviewerCity)");
        campaigns.MapGet("/{id}/audit", GetAudit).WithSummary("Score changes of the whole campaign, a page of branches at a time");
        campaigns.MapGet("/{id}/progress", GetProgress).WithSummary("Campaign-wide progress and results, with each scope region ranked");
        campaigns.MapGet("/{id}/progress/{code}", GetProgress).WithName("CampaignGetRegionProgress").WithSummary("A region's or school's progress and results, its children ranked")
            .WithDescription("sortBy: averageScore (default), topRatingShare, complianceRate, completion or generosity (review above cross-check, the most generous first).");
        campaigns.MapGet("/{id}/laggards", GetLaggards)
            .WithSummary("Branches of the whole campaign that still owe a self-assessment or review (催办)");
        campaigns.MapGet("/{id}/laggards/{code}", GetLaggards).WithName("CampaignGetRegionLaggards")
            .WithSummary("Branches under a region or school that still owe a self-assessment or review (催办)")
            .WithDescription("stage: selfAssessment (default; a branch sent back for re-assessment owes one too) or review.");
        campaigns.MapGet("/{id}/export", Export).WithSummary("Results and rankings as CSV or an Excel workbook, one sheet per level, streamed")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", additionalContentTypes: ["text/csv"]);
        return tenant;
    }

    private static async Task<Results<Created<CampaignDto>, ProblemHttpResult>> Create(string tenant, CreateCampaignRequest request, IGrainFactory grains)
    {
        var current = await grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework(tenant)).GetCurrent();
        var (definition, errors) = request.ToDefinition(current?.Version ?? 0);
        if (definition is null)
        {
            return Problems.Invalid(errors);
        }

        var id = await grains.GetGrain<ICampaignDirectoryGrain>(GrainKeys.CampaignDirectory(tenant)).NextId();
        var created = await Campaign(grains, tenant, id).Create(definition, request.Actor ?? "admin");
        return created.Succeeded
            ? TypedResults.Created($"/api/v1/tenants/{tenant}/campaigns/{id}", CampaignDto.From(created.Value!))
            : Problems.Of(created);
    }

    private static async Task<Ok<CampaignSummaryDto[]>> List(string tenant, IGrainFactory grains)
    {
        var list = await grains.GetGrain<ICampaignDirectoryGrain>(GrainKeys.CampaignDirectory(tenant)).List();
        return TypedResults.Ok(list.Select(CampaignSummaryDto.From).ToArray());
    }

    private static async Task<Results<Ok<CampaignDto>, ProblemHttpResult>> Get(string tenant, string id, IGrainFactory grains) =>
        await Campaign(grains, tenant, id).Get() is { } view ? TypedResults.Ok(CampaignDto.From(view)) : NoCampaign(id);

    private static async Task<Results<Ok<CampaignDto>, ProblemHttpResult>> Advance(string tenant, string id, AdvanceRequest request, IGrainFactory grains)
    {
        if (!CampaignStages.TryParse(request.To, out var to))
        {
            return Problems.Invalid("to", $"must be a stage: {string.Join(", ", CampaignStages.ApiNames)}");
        }

        var advanced = await Campaign(grains, tenant, id).Advance(to, request.Actor ?? "");
        return advanced.Succeeded ? TypedResults.Ok(CampaignDto.From(advanced.Value!)) : Problems.Of(advanced);
    }

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> GetEntry(string tenant, string id, string code, IGrainFactory grains, HttpResponse response) =>
        EntryCommand(code, response, () => Entry(grains, tenant, id, code).Get());

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PutSelfAssessment(
        string tenant, string id, string code, SelfAssessmentRequest request, IGrainFactory grains, HttpRequest http, HttpResponse response) =>
        EntryCommand(code, response, http, expected => Entry(grains, tenant, id, code).SubmitSelfAssessment(request.ToInput(), request.Actor ?? "", expected));

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PutReview(
        string tenant, string id, string code, ScoreChangesRequest request, IGrainFactory grains, HttpRequest http, HttpResponse response) =>
        EntryCommand(code, response, http, expected => Entry(grains, tenant, id, code).SubmitReview(request.ToChanges(), request.Actor ?? "", expected));

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PutCrossCheck(
        string tenant, string id, string code, ScoreChangesRequest request, IGrainFactory grains, HttpRequest http, HttpResponse response)
    {
        if (string.IsNullOrWhiteSpace(request.ReviewerCity))
        {
            return Task.FromResult<Results<Ok<EntryDto>, ProblemHttpResult>>(Problems.Invalid("reviewerCity", "name the city whose reviewers scored the branch"));
        }

        return EntryCommand(code, response, http, expected =>
            Entry(grains, tenant, id, code).SubmitCrossCheck(request.ToChanges(), request.ReviewerCity, request.Actor ?? "", expected));
    }

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PostAppeal(
        string tenant, string id, string code, AppealRequestDto request, IGrainFactory grains, HttpRequest http, HttpResponse response) =>
        EntryCommand(code, response, http, expected =>
            Entry(grains, tenant, id, code).Appeal(new AppealRequest(request.Indicators ?? [], request.Reason ?? ""), request.Actor ?? "", expected));

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PutAppealDecision(
        string tenant, string id, string code, AppealDecisionRequest request, IGrainFactory grains, HttpRequest http, HttpResponse response)
    {
        if (request.Upheld is null)
        {
            return Task.FromResult<Results<Ok<EntryDto>, ProblemHttpResult>>(Problems.Invalid("upheld", "say whether the appeal is upheld (true) or rejected (false)"));
        }

        return EntryCommand(code, response, http, expected =>
            Entry(grains, tenant, id, code).DecideAppeal(request.ToRuling(), request.Actor ?? "", expected));
    }

    private static async Task<Results<Ok<AuditDto[]>, ProblemHttpResult>> GetEntryAudit(string tenant, string id, string code, IGrainFactory grains)
    {
        var audit = await Entry(grains, tenant, id, code).GetAudit();
        return audit.Succeeded ? TypedResults.Ok(audit.Value!.Select(r => AuditDto.From(code, r)).ToArray()) : Problems.Of(audit);
    }

    private static async Task<Results<Ok<CrossCheckAssignmentDto[]>, ProblemHttpResult>> GetAssignments(
        string tenant, string id, IGrainFactory grains, string? reviewerCity = null)
    {
        if (await Campaign(grains, tenant, id).Get() is null)
        {
            return NoCampaign(id);
        }

        var assignments = await Campaign(grains, tenant, id).GetAssignments();
        return TypedResults.Ok(assignments
            .Where(a => reviewerCity is null || a.ReviewerCity == reviewerCity)
            .Select(a => new CrossCheckAssignmentDto(a.BranchCode, a.CityCode, a.ReviewerCity))
            .ToArray());
    }

    private static async Task<Results<Ok<AuditPageDto>, ProblemHttpResult>> GetAudit(
        string tenant, string id, IGrainFactory grains, int offset = 0, int limit = 100)
    {
        if (offset < 0 || limit is < 1 or > 500)
        {
            return Problems.Invalid(offset < 0 ? "offset" : "limit", "offset must be 0 or more and limit between 1 and 500 branches");
        }

        if (await Campaign(grains, tenant, id).Get() is null)
        {
            return NoCampaign(id);
        }

        var branches = await Campaign(grains, tenant, id).ListBranches(offset, limit);
        var audits = await Task.WhenAll(branches.Select(b => Entry(grains, tenant, id, b.Code).GetAudit()));
        var records = branches.Zip(audits)
            .SelectMany(pair => (pair.Second.Value ?? []).Select(r => AuditDto.From(pair.First.Code, r)))
            .ToArray();
        return TypedResults.Ok(new AuditPageDto(offset, limit, branches.Count == limit ? offset + limit : null, records));
    }

    private static async Task<Results<Ok<ProgressDto>, ProblemHttpResult>> GetProgress(
        string tenant, string id, IGrainFactory grains, string? code = null, string? sortBy = null)
    {
        var by = TallyRanking.Measure.AverageScore;
        if (sortBy is not null && !TallyRanking.TryParse(sortBy, out by))
        {
            return Problems.Invalid("sortBy", $"must be one of {string.Join(", ", TallyRanking.Names)}");
        }

        var view = code is not null && ScopeRootCode.Is(code) ? null : await Tally(grains, tenant, id, code ?? CampaignRoster.ScopeRoot).GetView();
        return view is null
            ? Problems.NotFound($"campaign '{id}' has no region or school '{code ?? "(scope)"}' in progress (progress starts when self-assessment opens)")
            : TypedResults.Ok(ProgressDto.From(view, by));
    }

    private static async Task<Results<Ok<LaggardDto[]>, ProblemHttpResult>> GetLaggards(
        string tenant, string id, IGrainFactory grains, string? code = null, string? stage = null, int limit = 500)
    {
        var owing = CampaignStage.SelfAssessment;
        if (stage is not null && (!CampaignStages.TryParse(stage, out owing) || owing is not (CampaignStage.SelfAssessment or CampaignStage.Review)))
        {
            return Problems.Invalid("stage", "must be selfAssessment or review");
        }

        if (limit is < 1 or > 5000)
        {
            return Problems.Invalid("limit", "must be between 1 and 5000");
        }

        var reports = new CampaignReports(grains, tenant, id);
        var laggards = code is not null && ScopeRootCode.Is(code) ? null : await reports.LaggardsAsync(code ?? CampaignRoster.ScopeRoot, owing, limit);
        return laggards is null
            ? Problems.NotFound($"campaign '{id}' has no region or school '{code ?? "(scope)"}' in progress (progress starts when self-assessment opens)")
            : TypedResults.Ok(laggards.ToArray());
    }

    private static async Task<IResult> Export(string tenant, string id, IGrainFactory grains, string format = "xlsx")
    {
        ITableExportWriter? writer = format.ToLowerInvariant() switch
        {
            "csv" => new CsvExportWriter(),
            "xlsx" => new XlsxExportWriter(),
            _ => null,
        };
        if (writer is null)
        {
            return Problems.Invalid("format", "must be csv or xlsx");
        }

        if (await Campaign(grains, tenant, id).Get() is not { } campaign)
        {
            return NoCampaign(id);
        }

        var reports = new CampaignReports(grains, tenant, id);
        return ExportResults.Stream(writer, $"{campaign.Definition.Name}-{id}-结果", reports.ExportSheets(singleTable: writer is CsvExportWriter));
    }

    private static async Task<Results<Ok<EntryDto>, ProblemHttpResult>> EntryCommand(
        string code, HttpResponse response, HttpRequest http, Func<int?, Task<Outcome<EntryView>>> command)
    {
        var (expected, badIfMatch) = ETags.IfMatch(http);
        return badIfMatch is not null ? Problems.Invalid([badIfMatch]) : await EntryCommand(code, response, () => command(expected));
    }

    private static async Task<Results<Ok<EntryDto>, ProblemHttpResult>> EntryCommand(string code, HttpResponse response, Func<Task<Outcome<EntryView>>> command)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not an organisation code");
        }

        var outcome = await command();
        if (!outcome.Succeeded)
        {
            return Problems.Of(outcome);
        }

        response.Headers.ETag = ETags.Of(outcome.Value!.Revision);
        return TypedResults.Ok(EntryDto.From(outcome.Value));
    }

    private static ProblemHttpResult NoCampaign(string id) => Problems.NotFound($"there is no campaign '{id}' in this tenant");

    private static ICampaignGrain Campaign(IGrainFactory grains, string tenant, string id) =>
        grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenant, id));

    private static ICampaignEntryGrain Entry(IGrainFactory grains, string tenant, string id, string code) =>
        grains.GetGrain<ICampaignEntryGrain>(GrainKeys.CampaignEntry(tenant, id, code));

    private static ICampaignTallyGrain Tally(IGrainFactory grains, string tenant, string id, string code) =>
        grains.GetGrain<ICampaignTallyGrain>(GrainKeys.CampaignTally(tenant, id, code));
}
