using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Reports;

/// <summary>
/// A node's children ranked as <c>GET nodes/{code}</c> ranks them (排名), every child rather than a page, with the
/// node's own rollup as the totals row. Counts are exact; averages and rates are each row's own, never averaged.
/// </summary>
internal static class ChildrenReport
{
    private static readonly ExportColumn[] Columns =
    [
        new("名次", ExportColumnKind.Integer),
        new("代码"),
        new("名称"),
        new("类型"),
        new("党组织", ExportColumnKind.Integer),
        new("党支部", ExportColumnKind.Integer),
        new("联合党支部", ExportColumnKind.Integer),
        new("参评支部", ExportColumnKind.Integer),
        new("已测评", ExportColumnKind.Integer),
        new("测评率", ExportColumnKind.Percent),
        new("平均分", ExportColumnKind.Decimal),
        new("达标", ExportColumnKind.Integer),
        new("达标率", ExportColumnKind.Percent),
        new("五星(样板)占比", ExportColumnKind.Percent),
        new("一票否决", ExportColumnKind.Integer),
        new("学校", ExportColumnKind.Integer),
        new("已覆盖学校", ExportColumnKind.Integer),
        new("空白点", ExportColumnKind.Integer),
        new("覆盖率", ExportColumnKind.Percent),
        new("正式党员", ExportColumnKind.Integer),
        new("预备党员", ExportColumnKind.Integer),
    ];

    public static ExportSheet Sheet(NodeInfo node, Summary own, IReadOnlyList<ChildRollup> children, ChildrenQuery query)
    {
        var ranked = ChildRanking.Apply(children, query with { Page = 1, PageSize = Math.Max(1, children.Count) }).Items;
        return new ExportSheet(node.Definition.Name, Columns,
            ranked.Select(IReadOnlyList<object?> (c, i) => Row(i + 1, c.Code, c.Name, c.Kind, c.Summary)).ToAsyncEnumerable())
        {
            Totals = () => Task.FromResult<IReadOnlyList<object?>?>(
                Row(null, node.Definition.Code, $"{node.Definition.Name}（合计）", node.Definition.Kind, own)),
        };
    }

    private static object?[] Row(int? rank, string code, string name, NodeKind kind, Summary s) =>
    [
        rank, code, name, kind.ToChinese(), s.Organisations, s.Branches, s.JointBranches, s.RatedUnits, s.Assessed, s.AssessedRate,
        s.AverageScore, s.Compliant, s.ComplianceRate, s.TopRatingShare, s.Vetoed, s.Schools, s.CoveredSchools, s.GapSchools,
        s.CoverageRate, s.Members, s.ProbationaryMembers,
    ];
}
