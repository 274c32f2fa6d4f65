using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;

namespace Platform.Gateway.Api;

/// <summary>A node, its rollup and one ranked page of its children.</summary>
public sealed record NodeDto(
    string Code,
    string Kind,
    string Name,
    string? ParentCode,
    bool Closed,
    SchoolDto? School,
    IReadOnlyList<string>? Covers,
    IReadOnlyList<string>? CoveredBy,
    int? Members,
    int? ProbationaryMembers,
    SummaryDto Summary,
    ChildrenDto Children)
{
    public static NodeDto From(NodeView view, ChildrenQuery query)
    {
        var d = view.Info.Definition;
        var isOrganisation = d.Kind.IsOrganisation();
        return new NodeDto(
            d.Code, d.Kind.ToApiName(), d.Name, d.ParentCode, view.Info.Closed,
            d.School is { } school ? SchoolDto.From(school) : null,
            d.Kind == NodeKind.JointBranch ? d.CoveredSchools : null,
            d.Kind == NodeKind.School ? view.Info.CoveredBy : null,
            isOrganisation ? d.Members : null,
            isOrganisation ? d.ProbationaryMembers : null,
            SummaryDto.From(view.Summary),
            ChildrenDto.From(view.Children, query));
    }
}

/// <summary>学段, 公办/民办, 城镇/农村.</summary>
public sealed record SchoolDto(string Stage, string Ownership, string Location)
{
    public static SchoolDto From(SchoolProfile profile) => new(
        profile.Stage.ToApiName(),
        profile.IsPrivate ? "private" : "public",
        profile.IsRural ? "rural" : "urban");
}

public sealed record ChildrenDto(int Total, int Page, int PageSize, string Sort, string Order, IReadOnlyList<ChildDto> Items)
{
    public static ChildrenDto From(ChildrenPage page, ChildrenQuery query) => new(
        page.Total, query.Page, query.PageSize, query.SortBy, query.Descending ? "desc" : "asc",
        page.Items.Select(ChildDto.From).ToList());
}

public sealed record ChildDto(string Code, string Kind, string Name, SummaryDto Summary)
{
    public static ChildDto From(ChildRollup child) =>
        new(child.Code, child.Kind.ToApiName(), child.Name, SummaryDto.From(child.Summary, child.Version));
}
