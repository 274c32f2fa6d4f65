using System.Runtime.CompilerServices;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Reports;

/// <summary>
/// The gap schools (空白点) under a node, read from the rollups: a school's own summary counts it in
/// <see cref="Summary.GapSchools"/> exactly when nothing covers it, so the walk goes down only into regions whose
/// rollup still counts a gap and never visits a covered part of the tree. Regions are visited by code, so the list
/// runs county by county, each county's schools by code.
/// </summary>
internal sealed class GapSchools(IGrainFactory grains, string tenant)
{
    private static readonly ExportColumn[] Columns =
    [
        new("序号", ExportColumnKind.Integer),
        new("学校代码"),
        new("学校名称"),
        new("办学性质"),
        new("县市区代码"),
        new("县市区"),
        new("市州代码"),
        new("市州"),
    ];

    /// <summary>The node's facts and rollup, or null when there is no such node.</summary>
    public static Task<NodeView?> ViewAsync(INodeGrain node) => node.GetView(new ChildrenQuery(PageSize: 1));

    /// <summary>Every gap school under <paramref name="root"/> (the root itself when it is one), in walk order.</summary>
    public async IAsyncEnumerable<GapSchool> WalkAsync(NodeView root, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var definition = root.Info.Definition;
        if (root.Summary.Summary.GapSchools == 0)
        {
            yield break;
        }

        var path = await AncestorsAsync(definition);
        if (definition.Kind == NodeKind.School)
        {
            yield return At(definition.Code, definition.Name, root.Summary.Summary, path);
            yield break;
        }

        await foreach (var school in BelowAsync(definition.Code, [.. path, (definition.Code, definition.Kind, definition.Name)], cancellationToken))
        {
            yield return school;
        }
    }

    /// <summary>The gap schools as an export: one sheet, numbered rows, no totals (the count is the node's 空白点).</summary>
    public ExportSheet Sheet(NodeView root) => new("空白点学校", Columns, RowsAsync(root));

    private async IAsyncEnumerable<IReadOnlyList<object?>> RowsAsync(NodeView root, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var number = 0;
        await foreach (var s in WalkAsync(root, cancellationToken))
        {
            yield return [++number, s.Code, s.Name, s.IsPrivate ? "民办" : "公办", s.CountyCode, s.CountyName, s.CityCode, s.CityName];
        }
    }

    private async IAsyncEnumerable<GapSchool> BelowAsync(
        string code, List<(string Code, NodeKind Kind, string Name)> path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var children = await Node(code).GetChildren();
        foreach (var child in children.Where(c => c.Summary.GapSchools > 0).OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            if (child.Kind == NodeKind.School)
            {
                yield return At(child.Code, child.Name, child.Summary, path);
            }
            else if (child.Kind.IsRegion())
            {
                await foreach (var school in BelowAsync(child.Code, [.. path, (child.Code, child.Kind, child.Name)], cancellationToken))
                {
                    yield return school;
                }
            }
        }
    }

    /// <summary>The regions above a node, province first, to name a gap school's county and city when the walk starts below them.</summary>
    private async Task<List<(string Code, NodeKind Kind, string Name)>> AncestorsAsync(NodeDefinition definition)
    {
        var ancestors = new List<(string, NodeKind, string)>();
        for (var parent = definition.ParentCode; parent is not null;)
        {
            var view = await ViewAsync(Node(parent));
            if (view is null)
            {
                break;
            }

            ancestors.Insert(0, (parent, view.Info.Definition.Kind, view.Info.Definition.Name));
            parent = view.Info.Definition.ParentCode;
        }

        return ancestors;
    }

    private static GapSchool At(string code, string name, Summary summary, List<(string Code, NodeKind Kind, string Name)> path)
    {
        var county = path.LastOrDefault(p => p.Kind == NodeKind.County);
        var city = path.LastOrDefault(p => p.Kind == NodeKind.City);
        return new GapSchool(code, name, summary.PrivateSchools > 0, county.Code, county.Name, city.Code, city.Name);
    }

    private INodeGrain Node(string code) => grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code));
}
