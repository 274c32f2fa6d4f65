using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Gateway.Api;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Campaigns;

/// <summary>
/// Reports read from a campaign's progress tree: the laggards under a region (催办) and the result exports. Both walk
/// the tree top-down and prune what they do not need, so a county's laggard list never visits another county.
/// </summary>
internal sealed class CampaignReports(IGrainFactory grains, string tenant, string campaignId)
{
    private const int Concurrency = 32;

    /// <summary>What every level's row holds: counts of the branches in the row's scope (a branch's own row counts
    /// itself, 0 or 1), so a column adds up the same on every level.</summary>
    private static readonly ExportColumn[] CountColumns =
    [
        .. new[] { "名次" }.Select(h => new ExportColumn(h, ExportColumnKind.Integer)),
        new("代码"), new("名称"), new("上级代码"),
        .. new[] { "参评支部", "已自评", "已审核", "抽查", "已交叉检查", "检查未通过", "退回重评", "申诉", "已认定" }
            .Select(h => new ExportColumn(h, ExportColumnKind.Integer)),
    ];

    /// <summary>A region's or school's results: averages and rates over its branches.</summary>
    private static readonly ExportColumn[] UnitColumns =
    [
        .. CountColumns,
        new("平均分", ExportColumnKind.Decimal),
        new("五星(样板)占比", ExportColumnKind.Percent),
        new("达标率", ExportColumnKind.Percent),
        new("自评完成率", ExportColumnKind.Percent),
        new("审核宽松度", ExportColumnKind.Decimal),
    ];

    /// <summary>A branch's own result: its score, its rating and whether it complies.</summary>
    private static readonly ExportColumn[] BranchColumns =
    [
        .. CountColumns,
        new("总分", ExportColumnKind.Decimal),
        new("等级"),
        new("达标"),
        new("审核宽松度", ExportColumnKind.Decimal),
    ];

    private static readonly ExportColumn[] LaggardColumns =
        [new("序号", ExportColumnKind.Integer), new("支部代码"), new("支部名称"), new("学校代码"), new("审核单位代码"), new("待办")];

    public async Task<IReadOnlyList<LaggardDto>?> LaggardsAsync(string code, CampaignStage owing, int limit)
    {
        var root = await Tally(code).GetView();
        if (root is null)
        {
            return null;
        }

        bool Owes(CampaignTally t) => owing == CampaignStage.SelfAssessment ? t.NotSubmitted > 0 : t.NotReviewed > 0;
        var laggards = new List<LaggardDto>();
        var frontier = new List<TallyView> { root };
        while (frontier.Count > 0 && laggards.Count < limit)
        {
            var next = new List<string>();
            foreach (var child in frontier.SelectMany(v => v.Children).Where(c => Owes(c.Tally)).OrderBy(c => c.Code, StringComparer.Ordinal))
            {
                if (!child.IsBranch)
                {
                    next.Add(child.Code);
                }
                else if (laggards.Count < limit && await Campaign.GetBranch(child.Code) is { } branch)
                {
                    laggards.Add(new LaggardDto(branch.Code, branch.Name, branch.SchoolCode, branch.SupervisorCode,
                        owing == CampaignStage.SelfAssessment ? "selfAssessment" : "review"));
                }
            }

            frontier = await ViewsAsync(next);
        }

        return laggards;
    }

    /// <summary>
    /// One sheet per level (市州, 县市区, 学校, 支部), each row ranked among its siblings by average score, each sheet closed
    /// by the campaign's scope total. Regions and schools carry averages and rates, branches their own score, rating
    /// and compliance, in columns of their own, so CSV (one table, a 层级 column) never puts a region's average under a
    /// branch's score. Rows are read from the tree as the writer reaches them; nothing is collected first.
    /// </summary>
    public IReadOnlyList<ExportSheet> ExportSheets() =>
    [
        new ExportSheet("市州", UnitColumns, UnitRowsAsync(NodeKind.City)) { Totals = () => ScopeTotalAsync(branch: false) },
        new ExportSheet("县市区", UnitColumns, UnitRowsAsync(NodeKind.County)) { Totals = () => ScopeTotalAsync(branch: false) },
        new ExportSheet("学校", UnitColumns, UnitRowsAsync(NodeKind.School)) { Totals = () => ScopeTotalAsync(branch: false) },
        new ExportSheet("支部", BranchColumns, BranchRowsAsync()) { Totals = () => ScopeTotalAsync(branch: true) },
    ];

    /// <summary>The branches under <paramref name="code"/> that owe <paramref name="owing"/>, as one sheet, or null
    /// when the campaign has no such region or school in progress.</summary>
    public async Task<ExportSheet?> LaggardsSheetAsync(string code, CampaignStage owing)
    {
        var laggards = await LaggardsAsync(code, owing, int.MaxValue);
        if (laggards is null)
        {
            return null;
        }

        var what = owing == CampaignStage.SelfAssessment ? "待自评" : "待审核";
        return new ExportSheet(what, LaggardColumns,
            laggards.Select(IReadOnlyList<object?> (l, i) => [i + 1, l.Code, l.Name, l.School, l.Supervisor, what]).ToAsyncEnumerable());
    }

    private async Task<IReadOnlyList<object?>?> ScopeTotalAsync(bool branch)
    {
        if (await Tally(CampaignRoster.ScopeRoot).GetView() is not { } root)
        {
            return null;
        }

        var t = root.Total;
        object?[] counts = [null, null, "全部范围（合计）", null, t.InScope, t.Submitted, t.Reviewed, t.Sampled, t.CrossChecked, t.FailedCrossCheck, t.Returned, t.Appealed, t.Finalised];
        return branch
            ? [.. counts, null, null, null, t.Generosity]
            : [.. counts, t.AverageScore, t.TopRatingShare, t.ComplianceRate, t.CompletionRate, t.Generosity];
    }

    private async IAsyncEnumerable<IReadOnlyList<object?>> UnitRowsAsync(NodeKind kind)
    {
        await foreach (var (view, rank) in WalkAsync(stopAt: kind))
        {
            if (view.Node.Kind != kind)
            {
                continue;
            }

            var t = view.Total;
            yield return [rank, view.Node.Code, view.Node.Name, ScopeRootCode.Hide(view.Node.ParentCode), t.InScope, t.Submitted, t.Reviewed, t.Sampled,
                t.CrossChecked, t.FailedCrossCheck, t.Returned, t.Appealed, t.Finalised, t.AverageScore, t.TopRatingShare, t.ComplianceRate,
                t.CompletionRate, t.Generosity];
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<object?>> BranchRowsAsync()
    {
        await foreach (var (view, _) in WalkAsync(stopAt: NodeKind.School))
        {
            var branches = TallyRanking.Rank(view.Children.Where(c => c.IsBranch), TallyRanking.Measure.AverageScore);
            var rank = 0;
            foreach (var b in branches)
            {
                var t = b.Tally;
                var level = RatingLevels.All.FirstOrDefault(l => t.Ratings[l] == 1);
                yield return [++rank, b.Code, b.Name, view.Node.Code, t.InScope, t.Submitted, t.Reviewed, t.Sampled, t.CrossChecked,
                    t.FailedCrossCheck, t.Returned, t.Appealed, t.Finalised,
                    t.Rated == 1 ? t.ScoreSum : null, t.Rated == 1 ? level.ToChinese() : null, t.Rated == 1 ? (t.Compliant == 1 ? "是" : "否") : null, t.Generosity];
            }
        }
    }

    /// <summary>Every school and region view from the scope down, breadth first, with its rank among its siblings;
    /// nothing below <paramref name="stopAt"/> is visited. Only the next level's codes are held, never a level's views.</summary>
    private async IAsyncEnumerable<(TallyView View, int Rank)> WalkAsync(NodeKind stopAt)
    {
        var root = await Tally(CampaignRoster.ScopeRoot).GetView();
        if (root is null)
        {
            yield break;
        }

        var ranks = RanksOf(root);
        var frontier = root.Children.Where(c => !c.IsBranch).Select(c => c.Code).ToList();
        while (frontier.Count > 0)
        {
            var next = new List<string>();
            var nextRanks = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var batch in frontier.Chunk(Concurrency))
            {
                foreach (var view in (await Task.WhenAll(batch.Select(code => Tally(code).GetView()))).OfType<TallyView>())
                {
                    yield return (view, ranks.GetValueOrDefault(view.Node.Code));
                    if (view.Node.Kind < stopAt)
                    {
                        next.AddRange(view.Children.Where(c => !c.IsBranch).Select(c => c.Code));
                        foreach (var (code, rank) in RanksOf(view))
                        {
                            nextRanks[code] = rank;
                        }
                    }
                }
            }

            (frontier, ranks) = (next, nextRanks);
        }
    }

    private static Dictionary<string, int> RanksOf(TallyView view) =>
        TallyRanking.Rank(view.Children.Where(c => !c.IsBranch), TallyRanking.Measure.AverageScore)
            .Select((c, i) => (c.Code, Rank: i + 1))
            .ToDictionary(p => p.Code, p => p.Rank, StringComparer.Ordinal);

    private async Task<List<TallyView>> ViewsAsync(IReadOnlyList<string> codes)
    {
        var views = new List<TallyView>(codes.Count);
        foreach (var batch in codes.Chunk(Concurrency))
        {
            views.AddRange((await Task.WhenAll(batch.Select(code => Tally(code).GetView()))).OfType<TallyView>());
        }

        return views;
    }

    private ICampaignGrain Campaign => grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenant, campaignId));

    private ICampaignTallyGrain Tally(string code) => grains.GetGrain<ICampaignTallyGrain>(GrainKeys.CampaignTally(tenant, campaignId, code));
}
