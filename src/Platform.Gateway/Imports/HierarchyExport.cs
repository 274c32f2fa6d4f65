using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Imports;

/// <summary>
/// A node and its whole subtree in the import format (Chinese headers, Chinese kinds and school attributes), level by
/// level from the node down, so the file imports back with every row unchanged, or is edited and imported again.
/// Holds one level's codes at a time.
/// </summary>
internal static class HierarchyExport
{
    private const int Parallelism = 16;

    public static ExportSheet Sheet(IGrainFactory grains, string tenant, NodeInfo root) =>
        new("层级", [.. HierarchyFormat.Columns.Select(c => new ExportColumn(c.Chinese))], Rows(grains, tenant, root));

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IGrainFactory grains, string tenant, NodeInfo root)
    {
        IReadOnlyList<NodeInfo> level = [root];
        while (level.Count > 0)
        {
            foreach (var node in level)
            {
                yield return Row(node.Definition);
            }

            var children = new List<string>();
            foreach (var node in level)
            {
                children.AddRange((await Node(grains, tenant, node.Definition.Code).GetChildren()).Select(c => c.Code));
            }

            var next = new NodeInfo?[children.Count];
            await Parallel.ForAsync(0, children.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
                next[i] = (await Node(grains, tenant, children[i]).GetView(OnlyTheNode))?.Info);
            level = [.. next.OfType<NodeInfo>().Where(n => !n.Closed)];
        }
    }

    private static readonly ChildrenQuery OnlyTheNode = new(PageSize: 1);

    private static INodeGrain Node(IGrainFactory grains, string tenant, string code) => grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code));

    private static IReadOnlyList<object?> Row(NodeDefinition node)
    {
        var school = node.School;
        var organisation = node.Kind.IsOrganisation();
        return
        [
            node.Kind.ToChinese(), node.Code, node.Name, node.ParentCode,
            school is null ? null : SchoolStages.ToChinese(school.Stage),
            school is null ? null : school.IsPrivate ? "民办" : "公办",
            school is null ? null : school.IsRural ? "农村" : "城镇",
            node.CoveredSchools.Count == 0 ? null : string.Join(';', node.CoveredSchools),
            organisation ? node.Members : null,
            organisation ? node.ProbationaryMembers : null,
        ];
    }
}
