using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Campaigns;
using Platform.Gateway.Exports;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class CampaignEndpoints
{
    private const long MaxBodyBytes = 256 * 1024;

    /// <summary>A stage.</summary>
    private const long MaxAdvanceBodyBytes = 4 * 1024;

    public static RouteGroupBuilder MapCampaignEndpoints(this RouteGroupBuilder tenant)
    {
        var campaigns = tenant.MapGroup("/campaigns").WithTags("Campaigns")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        campaigns.MapPost("/", Create).Requires(Operation.CreateCampaign)
            .WithSummary("Create a campaign (draft): kind, scope, pinned framework version, stage deadlines, cross-check and quotas");
        campaigns.MapGet("/", List).Requires(Operation.ReadTenantWide).WithSummary("The tenant's campaigns");
        campaigns.MapGet("/{id}", Get).Requires(Operation.ReadTenantWide).WithSummary("A campaign: definition, stage and history");
        campaigns.MapPost("/{id}/advance", Advance).Requires(Operation.AdvanceCampaign)
            .WithSummary("Move to the next stage (draft → selfAssessment → review → crossCheck → publicity → final)")
            .WithDescription("Stages are never skipped. Opening self-assessment fixes the roster; opening the cross-check draws the sample; final waits for the tenant's minimum publicity (公示, minimumPublicityDays) and for every appeal to be decided (until then the campaign stays in publicity, taking appeals), then closes appeals, applies quotas (each demotion an audit line on 'rating', by system:final) and makes every result official. A final that was interrupted is finished by advancing to final again.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxAdvanceBodyBytes));

        var branch = campaigns.MapGroup("/{id}/branches/{code}")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        branch.MapGet("/", GetEntry).AnswersETag().Requires(Operation.Read, AccessTarget.CampaignBranch).WithSummary("One branch's part in the campaign, with its ETag");
        branch.MapPut("/self-assessment", PutSelfAssessment).AnswersETag().Requires(Operation.SelfAssess, AccessTarget.CampaignBranch)
            .WithSummary("A branch's self-assessment (自评) by its own secretary; revisable until the stage closes");
        branch.MapPut("/review", PutReview).AnswersETag().Requires(Operation.Review, AccessTarget.CampaignBranch)
            .WithSummary("The supervising region's review (审核): changed indicators with a reason each");
        branch.MapPut("/cross-check", PutCrossCheck).AnswersETag().Requires(Operation.CrossCheck, AccessTarget.CampaignBranch)
            .WithSummary("The cross-region check (交叉检查) by a reviewer of the city assigned the branch, as that city");
        branch.MapPost("/appeal", PostAppeal).AnswersETag().Requires(Operation.Appeal, AccessTarget.CampaignBranch)
            .WithSummary("An appeal (申诉) during publicity by the branch's secretary: disputed indicators and a reason");
        branch.MapPut("/appeal/decision", PutAppealDecision).AnswersETag().Requires(Operation.DecideAppeal, AccessTarget.CampaignBranch)
            .WithSummary("The final decision on an appeal");
        branch.MapGet("/audit", GetEntryAudit).Requires(Operation.Read, AccessTarget.CampaignBranch)
            .WithSummary("Every score change of the branch in this campaign (留痕)");
        campaigns.MapGet("/{id}/cross-check", GetAssignments).Requires(Operation.ReadTenantWide)
            .WithSummary("The cross-region draw: each sampled branch and the city whose reviewers re-score it (filter with reviewerCity)")
            .WithDescription("Lists the assignments of the branches in your scope; a reviewer, only its own city's, while the cross-check is open.");
        campaigns.MapGet("/{id}/audit", GetAudit).Requires(Operation.ReadProvinceWide, AccessTarget.Province)
            .WithSummary("Score changes of the whole campaign, a page of branches at a time");
        campaigns.MapGet("/{id}/progress", GetProgress).Requires(Operation.Read, AccessTarget.CampaignNode)
            .WithSummary("Campaign-wide progress and results, with each scope region ranked");
        campaigns.MapGet("/{id}/progress/{code}", GetProgress).Requires(Operation.Read, AccessTarget.CampaignNode)
            .WithName("CampaignGetRegionProgress").WithSummary("A region's or school's progress and results, its children ranked")
            .WithDescription("sortBy: averageScore (default), topRatingShare, complianceRate, completion or generosity (review above cross-check, the most generous first).");
        campaigns.MapGet("/{id}/laggards", GetLaggards).Requires(Operation.Read, AccessTarget.CampaignNode)
            .WithSummary("Branches of the whole campaign that still owe a self-assessment or review (催办)");
        campaigns.MapGet("/{id}/laggards/{code}", GetLaggards).Requires(Operation.Read, AccessTarget.CampaignNode).WithName("CampaignGetRegionLaggards")
            .WithSummary("Branches under a region or school that still owe a self-assessment or review (催办)")
            .WithDescription("stage: selfAssessment (default; a branch sent back for re-assessment owes one too) or review.");
        campaigns.MapGet("/{id}/export", Export).Requires(Operation.ReadProvinceWide, AccessTarget.Province)
            .WithSummary("Results and rankings as an Excel workbook (one sheet per level) or CSV, streamed")
            .WithDescription(ExportEndpoints.FormatNote + " Levels: 市州, 县市区, 学校 and 支部, each row ranked among its siblings by average score and each level closed by the campaign's scope total (合计). " +
                "Every level has the branch counts (参评支部, 已自评 … 已认定; a branch's row counts itself, 0 or 1); regions and schools add 平均分, 五星(样板)占比, 达标率 and 自评完成率, branches their own 总分, 等级 and 达标 (是/否), each in a column of its own. " +
                "CSV is one table with a first column 层级 naming the level; a row leaves the columns of the other levels empty.")
            .Produces(StatusCodes.Status200OK, contentType: ExportEndpoints.XlsxMediaType, additionalContentTypes: [ExportEndpoints.CsvMediaType]);
        return tenant;
    }

    private static async Task<Results<Created<CampaignDto>, ProblemHttpResult>> Create(CreateCampaignRequest request, TenantAccess access)
    {
        var current = await access.Framework.GetCurrent();
        var (definition, errors) = request.ToDefinition(current?.Version ?? 0);
        if (definition is null)
        {
            return Problems.Invalid(errors);
        }

        var id = await access.Grains.GetGrain<ICampaignDirectoryGrain>(GrainKeys.CampaignDirectory(access.Tenant)).NextId();
        var created = await access.Grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(access.Tenant, id)).Create(definition);
        return created.Succeeded
            ? TypedResults.Created($"/api/v1/tenants/{access.Tenant}/campaigns/{id}", CampaignDto.From(created.Value!))
            : Problems.Of(created);
    }

    private static async Task<Ok<CampaignSummaryDto[]>> List(TenantAccess access)
    {
        var list = await access.Grains.GetGrain<ICampaignDirectoryGrain>(GrainKeys.CampaignDirectory(access.Tenant)).List();
        return TypedResults.Ok(list.Select(CampaignSummaryDto.From).ToArray());
    }

    private static async Task<Results<Ok<CampaignDto>, ProblemHttpResult>> Get(string id, TenantAccess access) =>
        await access.Campaign.Get() is { } view ? TypedResults.Ok(CampaignDto.From(view)) : NoCampaign(id);

    private static async Task<Results<Ok<CampaignDto>, ProblemHttpResult>> Advance(AdvanceRequest request, TenantAccess access)
    {
        if (!CampaignStages.TryParse(request.To, out var to))
        {
            return Problems.Invalid("to", $"must be a stage: {string.Join(", ", CampaignStages.ApiNames)}");
        }

        var advanced = await access.Campaign.Advance(to);
        return advanced.Succeeded ? TypedResults.Ok(CampaignDto.From(advanced.Value!)) : Problems.Of(advanced);
    }

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> GetEntry(string code, TenantAccess access, HttpResponse response) =>
        EntryCommand(code, response, () => access.Entry.Get());

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PutSelfAssessment(
        string code, SelfAssessmentRequest request, TenantAccess access, HttpRequest http, HttpResponse response) =>
        EntryCommand(code, response, http, expected => access.Entry.SubmitSelfAssessment(request.ToInput(), expected));

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PutReview(
        string code, ScoreChangesRequest request, TenantAccess access, HttpRequest http, HttpResponse response) =>
        EntryCommand(code, response, http, expected => access.Entry.SubmitReview(request.ToChanges(), expected));

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PutCrossCheck(
        string code, ScoreChangesRequest request, TenantAccess access, HttpRequest http, HttpResponse response) =>
        EntryCommand(code, response, http, expected => access.Entry.SubmitCrossCheck(request.ToChanges(), expected));

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PostAppeal(
        string code, AppealRequestDto request, TenantAccess access, HttpRequest http, HttpResponse response) =>
        EntryCommand(code, response, http, expected =>
            access.Entry.Appeal(new AppealRequest(request.Indicators ?? [], request.Reason ?? ""), expected));

    private static Task<Results<Ok<EntryDto>, ProblemHttpResult>> PutAppealDecision(
        string code, AppealDecisionRequest request, TenantAccess access, HttpRequest http, HttpResponse response)
    {
        if (request.Upheld is null)
        {
            return Task.FromResult<Results<Ok<EntryDto>, ProblemHttpResult>>(Problems.Invalid("upheld", "say whether the appeal is upheld (true) or rejected (false)"));
        }

        return EntryCommand(code, response, http, expected => access.Entry.DecideAppeal(request.ToRuling(), expected));
    }

    private static async Task<Results<Ok<AuditDto[]>, ProblemHttpResult>> GetEntryAudit(string code, TenantAccess access)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not an organisation code");
        }

        var audit = await access.Entry.GetAudit();
        return audit.Succeeded ? TypedResults.Ok(audit.Value!.Select(r => AuditDto.From(code, r)).ToArray()) : Problems.Of(audit);
    }

    /// <summary>The draw as far as the caller may see it: the assignments of the branches in its scope, or a reviewer's
    /// own city's while the check is open.</summary>
    private static async Task<Results<Ok<CrossCheckAssignmentDto[]>, ProblemHttpResult>> GetAssignments(
        string id, TenantAccess access, string? reviewerCity = null)
    {
        if (await access.Campaign.Get() is not { } campaign)
        {
            return NoCampaign(id);
        }

        var caller = access.Caller;
        var visible = new List<CrossCheckAssignmentDto>();
        foreach (var a in await access.Campaign.GetAssignments())
        {
            var sees = caller.Role == Role.Reviewer
                ? AccessRules.HoldsOpenAssignment(caller.ScopeCode, a.ReviewerCity, campaign.Stage)
                : await access.CoversAsync(a.BranchCode);
            if (sees && (reviewerCity is null || a.ReviewerCity == reviewerCity))
            {
                visible.Add(new CrossCheckAssignmentDto(a.BranchCode, a.CityCode, a.ReviewerCity));
            }
        }

        return TypedResults.Ok(visible.ToArray());
    }

    private static async Task<Results<Ok<AuditPageDto>, ProblemHttpResult>> GetAudit(
        string id, TenantAccess access, int offset = 0, int limit = 100)
    {
        if (offset < 0 || limit is < 1 or > 500)
        {
            return Problems.Invalid(offset < 0 ? "offset" : "limit", "offset must be 0 or more and limit between 1 and 500 branches");
        }

        if (await access.Campaign.Get() is null)
        {
            return NoCampaign(id);
        }

        var branches = await access.Campaign.ListBranches(offset, limit);
        var audits = await Task.WhenAll(branches.Select(b =>
            access.Grains.GetGrain<ICampaignEntryGrain>(GrainKeys.CampaignEntry(access.Tenant, id, b.Code)).GetAudit()));
        var records = branches.Zip(audits)
            .SelectMany(pair => (pair.Second.Value ?? []).Select(r => AuditDto.From(pair.First.Code, r)))
            .ToArray();
        return TypedResults.Ok(new AuditPageDto(offset, limit, branches.Count == limit ? offset + limit : null, records));
    }

    private static async Task<Results<Ok<ProgressDto>, ProblemHttpResult>> GetProgress(
        string id, TenantAccess access, string? code = null, string? sortBy = null)
    {
        var by = TallyRanking.Measure.AverageScore;
        if (sortBy is not null && !TallyRanking.TryParse(sortBy, out by))
        {
            return Problems.Invalid("sortBy", $"must be one of {string.Join(", ", TallyRanking.Names)}");
        }

        var view = code is not null && ScopeRootCode.Is(code) ? null : await access.Tally.GetView();
        return view is null
            ? Problems.NotFound($"campaign '{id}' has no region or school '{code ?? "(scope)"}' in progress (progress starts when self-assessment opens)")
            : TypedResults.Ok(ProgressDto.From(view, by));
    }

    private static async Task<Results<Ok<LaggardDto[]>, ProblemHttpResult>> GetLaggards(
        string id, TenantAccess access, string? code = null, string? stage = null, int limit = 500)
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

        var reports = new CampaignReports(access.Grains, access.Tenant, id);
        var laggards = code is not null && ScopeRootCode.Is(code) ? null : await reports.LaggardsAsync(code ?? CampaignRoster.ScopeRoot, owing, limit);
        return laggards is null
            ? Problems.NotFound($"campaign '{id}' has no region or school '{code ?? "(scope)"}' in progress (progress starts when self-assessment opens)")
            : TypedResults.Ok(laggards.ToArray());
    }

    private static async Task<IResult> Export(string id, TenantAccess access, string format = "xlsx")
    {
        if (ExportResults.WriterFor(format) is not { } writer)
        {
            return ExportEndpoints.BadFormat();
        }

        if (await access.Campaign.Get() is not { } campaign)
        {
            return NoCampaign(id);
        }

        var reports = new CampaignReports(access.Grains, access.Tenant, id);
        return ExportResults.Stream(writer, $"{campaign.Definition.Name}-{id}-结果", reports.ExportSheets(), $"campaign-{id}-results");
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
}
