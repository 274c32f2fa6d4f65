using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Audit;
using Platform.Domain.Audit;
using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Audit;
using Platform.Gateway.Campaigns;
using Platform.Gateway.Exports;
using Platform.Gateway.Infrastructure;
using Platform.Gateway.Reports;

namespace Platform.Gateway.Endpoints;

/// <summary>
/// Every table a leader looks at, as a download (CSV or an Excel workbook), and the gap-school list it needs. Each
/// export is a route of its own beside the JSON route it mirrors, under the same access rule: an account exports only
/// what it may read, a region admin its own subtree.
/// </summary>
internal static class ExportEndpoints
{
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string CsvMediaType = "text/csv";

    public const string FormatNote =
        "format: xlsx (default) or csv. The workbook has a frozen, filterable header, columns sized to the content, rates as percentages and a bold totals row where the table has one; " +
        "CSV is UTF-8 with a byte order mark (Excel opens it as such), rates as fractions (0.8333). The file is named in Chinese (filename*) with an ASCII filename beside it.";

    /// <summary>The audit export's cap: the newest lines of a longer match, with a last row saying so.</summary>
    public const int MaxAuditLines = 100_000;

    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder tenant)
    {
        var nodes = tenant.MapGroup("/nodes").WithTags("Hierarchy");
        nodes.MapGet("/{code}/children/export", ExportChildren)
            .Requires(Operation.Read, AccessTarget.Node)
            .WithSummary("A node's children ranked as GET nodes/{code} ranks them, every child, as a download")
            .WithDescription($"sort: code (default), name, or a metric ({string.Join(", ", SummaryMetric.Names.Order())}); order: asc or desc. " +
                "名次 is the place in that order; the last row is the node's own rollup (合计). " + FormatNote)
            .Downloads();
        nodes.MapGet("/{code}/gap-schools", GetGapSchools)
            .Requires(Operation.Read, AccessTarget.Node)
            .WithSummary("The gap schools (空白点) under a node: schools no Party organisation covers, paged")
            .WithDescription("A school is a gap when it has no Party organisation of its own and no joint branch (联合党支部) covers it, as the rollup's gapSchools counts it; " +
                "total is the node's gapSchools. Listed county by county, each county's schools by code. page from 1; pageSize 1-500.")
            .ProducesValidationProblem();
        nodes.MapGet("/{code}/gap-schools/export", ExportGapSchools)
            .Requires(Operation.Read, AccessTarget.Node)
            .WithSummary("The gap schools (空白点) under a node, every one, as a download")
            .WithDescription(FormatNote)
            .Downloads();

        var campaigns = tenant.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/{id}/laggards/export", ExportLaggards)
            .Requires(Operation.Read, AccessTarget.CampaignNode)
            .WithSummary("Branches of the whole campaign that still owe a self-assessment or review (催办), every one, as a download")
            .WithDescription("stage: selfAssessment (default) or review. " + FormatNote)
            .Downloads();
        campaigns.MapGet("/{id}/laggards/{code}/export", ExportLaggards)
            .Requires(Operation.Read, AccessTarget.CampaignNode)
            .WithName("ExportRegionLaggards")
            .WithSummary("Branches under a region or school that still owe a self-assessment or review (催办), every one, as a download")
            .WithDescription("stage: selfAssessment (default) or review. " + FormatNote)
            .Downloads();

        tenant.MapGet("/audit/export", ExportAudit)
            .Requires(Operation.ReadAudit)
            .WithTags("Audit")
            .WithSummary("The audit log (审计日志) with GET audit's filters, every matching line newest first, as a download")
            .WithDescription("actor, target, within, from and to as for GET audit, and the same scope: a region admin exports only the lines of its subtree. " +
                $"Times are China Standard Time. At most the newest {MaxAuditLines:N0} lines; a longer match ends with a row saying so (narrow from/to). " + FormatNote)
            .Downloads();
        return tenant;
    }

    public static ProblemHttpResult BadFormat() => Problems.Invalid("format", "must be xlsx or csv");

    private static RouteHandlerBuilder Downloads(this RouteHandlerBuilder route) => route
        .Produces(StatusCodes.Status200OK, contentType: XlsxMediaType, additionalContentTypes: [CsvMediaType])
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> ExportChildren(string code, TenantAccess access, string? sort, string? order, string format = "xlsx")
    {
        var errors = new List<FieldError>();
        if (!ChildRanking.IsKnownSort(sort ?? "code"))
        {
            errors.Add(new("sort", $"'{sort}' is not code, name or a metric: {string.Join(", ", SummaryMetric.Names.Order())}"));
        }

        if (order is not (null or "asc" or "desc"))
        {
            errors.Add(new("order", "must be asc or desc"));
        }

        var writer = ExportResults.WriterFor(format);
        if (writer is null)
        {
            errors.Add(new("format", "must be xlsx or csv"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var node = access.Node;
        if (await node.GetView(new ChildrenQuery(PageSize: 1)) is not { } view)
        {
            return NoNode(access.Tenant, code);
        }

        var query = new ChildrenQuery(sort ?? "code", order == "desc");
        var sheet = ChildrenReport.Sheet(view.Info, view.Summary.Summary, await node.GetChildren(), query);
        return ExportResults.Stream(writer!, $"{view.Info.Definition.Name}-下级排名", [sheet], $"node-{code}-children");
    }

    private static async Task<Results<Ok<GapSchoolsPageDto>, ProblemHttpResult>> GetGapSchools(
        string code, TenantAccess access, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = (page ?? 1, pageSize ?? 50);
        var errors = new List<FieldError>();
        if (p < 1)
        {
            errors.Add(new("page", "must be 1 or more"));
        }

        if (size is < 1 or > ChildrenQuery.MaxPageSize)
        {
            errors.Add(new("pageSize", $"must be from 1 to {ChildrenQuery.MaxPageSize}"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var gaps = new GapSchools(access.Grains, access.Tenant);
        if (await GapSchools.ViewAsync(access.Node) is not { } root)
        {
            return NoNode(access.Tenant, code);
        }

        var skip = (long)(p - 1) * size;
        var items = new List<GapSchoolDto>(Math.Min(size, root.Summary.Summary.GapSchools));
        await foreach (var school in gaps.WalkAsync(root, cancellationToken))
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }

            items.Add(GapSchoolDto.From(school));
            if (items.Count == size)
            {
                break;
            }
        }

        return TypedResults.Ok(new GapSchoolsPageDto(root.Summary.Summary.GapSchools, p, size, items));
    }

    private static async Task<IResult> ExportGapSchools(string code, TenantAccess access, string format = "xlsx")
    {
        if (ExportResults.WriterFor(format) is not { } writer)
        {
            return BadFormat();
        }

        var gaps = new GapSchools(access.Grains, access.Tenant);
        if (await GapSchools.ViewAsync(access.Node) is not { } root)
        {
            return NoNode(access.Tenant, code);
        }

        return ExportResults.Stream(writer, $"{root.Info.Definition.Name}-空白点学校", [gaps.Sheet(root)], $"node-{code}-gap-schools");
    }

    private static async Task<IResult> ExportLaggards(string id, TenantAccess access, string? code = null, string? stage = null, string format = "xlsx")
    {
        var errors = new List<FieldError>();
        var owing = CampaignStage.SelfAssessment;
        if (stage is not null && (!CampaignStages.TryParse(stage, out owing) || owing is not (CampaignStage.SelfAssessment or CampaignStage.Review)))
        {
            errors.Add(new("stage", "must be selfAssessment or review"));
        }

        var writer = ExportResults.WriterFor(format);
        if (writer is null)
        {
            errors.Add(new("format", "must be xlsx or csv"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var reports = new CampaignReports(access.Grains, access.Tenant, id);
        var sheet = code is not null && ScopeRootCode.Is(code) ? null : await reports.LaggardsSheetAsync(code ?? CampaignRoster.ScopeRoot, owing);
        if (sheet is null)
        {
            return Problems.NotFound($"campaign '{id}' has no region or school '{code ?? "(scope)"}' in progress (progress starts when self-assessment opens)");
        }

        var what = owing == CampaignStage.SelfAssessment ? "待自评" : "待审核";
        return ExportResults.Stream(writer!, $"{id}-{code ?? "全部"}-{what}支部", [sheet], $"campaign-{id}-{code ?? "all"}-laggards-{owing.ToApiName()}");
    }

    private static async Task<IResult> ExportAudit(
        TenantAccess access, AuditLogReader reader, string? actor, string? target, string? within, string? from, string? to, string format = "xlsx")
    {
        (within, var refusal) = await AuditFilters.ScopeAsync(access, within);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new List<FieldError>();
        var query = AuditFilters.Query(actor, target, within, from, to, 1, AuditQuery.MaxPageSize, errors);
        var writer = ExportResults.WriterFor(format);
        if (writer is null)
        {
            errors.Add(new("format", "must be xlsx or csv"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return ExportResults.Stream(writer!, $"审计日志-{access.Tenant}", [AuditSheet(reader, access.Tenant, query)], $"audit-{access.Tenant}");
    }

    private static ExportSheet AuditSheet(AuditLogReader reader, string tenant, AuditQuery query) => new("审计日志",
    [
        new("序号", ExportColumnKind.Integer), new("时间", ExportColumnKind.Date), new("操作者"), new("操作者姓名"), new("角色"), new("操作"),
        new("对象"), new("节点"), new("状态码", ExportColumnKind.Integer), new("修改前"), new("修改后"),
    ], AuditRowsAsync(reader, tenant, query));

    /// <summary>Reads the log a page at a time as the writer asks for rows; a read that stopped searching early (a
    /// sparse filter over a long log) is continued from where it stopped.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<object?>> AuditRowsAsync(
        AuditLogReader reader, string tenant, AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var written = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await reader.ReadAsync(tenant, query);
            foreach (var e in page.Entries)
            {
                if (written++ == MaxAuditLines)
                {
                    yield return [null, null, null, null, null, null, $"只导出了最新的 {MaxAuditLines:N0} 行；请用 from/to 缩小时间范围后分段导出", null, null, null, null];
                    yield break;
                }

                yield return [e.Sequence, ChinaTime.Of(e.At), e.Actor, e.ActorName, e.Role, e.Operation, e.Target, e.Node, e.Status, e.Before, e.After];
            }

            if (page.HasMore)
            {
                query = query with { Page = query.Page + 1 };
            }
            else if (page.ScannedUntil is { } until)
            {
                query = query with { To = until, Page = 1 };
            }
            else
            {
                yield break;
            }
        }
    }

    private static ProblemHttpResult NoNode(string tenant, string code) => Problems.NotFound($"tenant '{tenant}' has no node '{code}'");
}
