using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Audit;
using Platform.Gateway.Exports;
using Platform.Gateway.Imports;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class NodeEndpoints
{
    /// <summary>A move names one parent code; a close sends nothing.</summary>
    private const long MaxBodyBytes = 4 * 1024;

    public static RouteGroupBuilder MapNodeEndpoints(this RouteGroupBuilder tenant)
    {
        var nodes = tenant.MapGroup("/nodes").WithTags("Hierarchy");
        nodes.MapGet("/{code}", Get).AnswersETag()
            .Requires(Operation.Read, AccessTarget.Node)
            .WithSummary("A node with its rollup and its children, ranked and paged")
            .WithDescription($"sort: code, name, or a metric ({string.Join(", ", SummaryMetric.Names.Order())}); order: asc or desc; page from 1; pageSize 1-{ChildrenQuery.MaxPageSize}.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        nodes.MapGet("/{code}/hierarchy", ExportHierarchy)
            .Requires(Operation.Read, AccessTarget.Node)
            .WithSummary("The node and its whole subtree in the hierarchy import format (Chinese headers), as csv or xlsx")
            .WithDescription("format: csv or xlsx (default). Imported again as it is, every row is unchanged; edit it and import it to change the hierarchy.")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", additionalContentTypes: ["text/csv"])
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        nodes.MapGet("/{code}/summary", GetSummary)
            .Requires(Operation.Read, AccessTarget.Node)
            .WithSummary("Just the node's rollup and when it last changed")
            .ProducesProblem(StatusCodes.Status404NotFound);
        nodes.MapPost("/{code}/move", Move).AnswersETag()
            .Requires(Operation.MoveNode, AccessTarget.Node)
            .WithMetadata(ReparentsNodes.Instance)
            .WithSummary("Re-parent a node (理顺隶属关系); every ancestor, old and new, stays exact")
            .WithDescription("Send If-Match with the node's ETag (from GET nodes/{code}): a stale one gets 412, none 428. A region admin moves only inside its subtree: the new parent must lie in it too.")
            .GuardedCommand(MaxBodyBytes);
        nodes.MapPost("/{code}/close", Close).AnswersETag()
            .Requires(Operation.CloseNode, AccessTarget.Node)
            .WithSummary("Close a node (a school merged away, a branch dissolved); it must hold no open children")
            .WithDescription("Send If-Match with the node's ETag (from GET nodes/{code}): a stale one gets 412, none 428.")
            .GuardedCommand(MaxBodyBytes);
        return tenant;
    }

    private static async Task<IResult> ExportHierarchy(string code, TenantAccess access, string format = "xlsx")
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

        if (await access.Node.GetView(new ChildrenQuery(PageSize: 1)) is not { Info.Closed: false } view)
        {
            return Problems.NotFound($"there is no open node '{code}' in this tenant");
        }

        return ExportResults.Stream(writer, $"hierarchy-{code}", [HierarchyExport.Sheet(access.Grains, access.Tenant, view.Info)]);
    }

    private static async Task<Results<Ok<NodeDto>, ProblemHttpResult>> Get(
        string code, TenantAccess access, HttpResponse response, int? page, int? pageSize, string? sort, string? order)
    {
        var query = new ChildrenQuery(sort ?? "code", order == "desc", page ?? 1, pageSize ?? 50);
        var errors = new List<FieldError>();
        if (!NodeCodes.IsWellFormed(code))
        {
            errors.Add(new("code", "is not a node code"));
        }

        if (!ChildRanking.IsKnownSort(query.SortBy))
        {
            errors.Add(new("sort", $"'{sort}' is not code, name or a metric: {string.Join(", ", SummaryMetric.Names.Order())}"));
        }

        if (order is not (null or "asc" or "desc"))
        {
            errors.Add(new("order", "must be asc or desc"));
        }

        if (query.Page < 1)
        {
            errors.Add(new("page", "must be 1 or more"));
        }

        if (query.PageSize is < 1 or > ChildrenQuery.MaxPageSize)
        {
            errors.Add(new("pageSize", $"must be from 1 to {ChildrenQuery.MaxPageSize}"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var view = await access.Node.GetView(query);
        if (view is null)
        {
            return NoNode(access.Tenant, code);
        }

        response.Headers.ETag = ETags.Of(view.Info.Revision);
        return TypedResults.Ok(NodeDto.From(view, query));
    }

    private static async Task<Results<Ok<SummaryDto>, ProblemHttpResult>> GetSummary(string code, TenantAccess access)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not a node code");
        }

        var view = await access.Node.GetSummary();
        return view is null ? NoNode(access.Tenant, code) : TypedResults.Ok(SummaryDto.From(view));
    }

    private static async Task<Results<Ok<NodeDto>, ProblemHttpResult>> Move(
        string code, MoveRequest request, TenantAccess access, HttpRequest http, HttpResponse response)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not a node code");
        }

        if (!NodeCodes.IsWellFormed(request.ParentCode))
        {
            return Problems.Invalid("parentCode", "is required: the code of the new parent");
        }

        var (revision, problem) = RequiredRevision(http, code);
        if (problem is not null)
        {
            return problem;
        }

        var node = access.Node;
        var moved = await node.Move(request.ParentCode!, revision);
        return moved.Succeeded ? await Reread(node, response) : Problems.Of(moved);
    }

    private static async Task<Results<Ok<NodeDto>, ProblemHttpResult>> Close(
        string code, TenantAccess access, HttpRequest http, HttpResponse response)
    {
        if (!NodeCodes.IsWellFormed(code))
        {
            return Problems.Invalid("code", "is not a node code");
        }

        var (revision, problem) = RequiredRevision(http, code);
        if (problem is not null)
        {
            return problem;
        }

        var node = access.Node;
        var closed = await node.Close(revision);
        return closed.Succeeded ? await Reread(node, response) : Problems.Of(closed);
    }

    /// <summary>Moving or closing replaces where a node sits: the caller must say which revision it decided on.</summary>
    private static (int? Revision, ProblemHttpResult? Problem) RequiredRevision(HttpRequest http, string code)
    {
        var (revision, error) = ETags.IfMatch(http);
        if (error is not null)
        {
            return (null, Problems.Invalid([error]));
        }

        return revision is null
            ? (null, TypedResults.Problem($"send If-Match with the ETag of GET nodes/{code}, so a change made since you read it is not overwritten",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required"))
            : (revision, null);
    }

    private static async Task<Results<Ok<NodeDto>, ProblemHttpResult>> Reread(INodeGrain node, HttpResponse response)
    {
        var view = await node.GetView(ChildrenQuery.Default);
        response.Headers.ETag = ETags.Of(view!.Info.Revision);
        return TypedResults.Ok(NodeDto.From(view, ChildrenQuery.Default));
    }

    private static ProblemHttpResult NoNode(string tenant, string code) =>
        Problems.NotFound($"tenant '{tenant}' has no node '{code}'");
}
