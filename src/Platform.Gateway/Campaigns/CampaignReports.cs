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

    private static readonly ExportColumn[] UnitColumns =
        [.. new[] { "名次", "代码", "名称", "上级代码", "参评支部", "已自评", "已审核", "抽查", "已交叉检查", "检查未通过", "申诉", "已认定",
            "平均分", "五星(样板)占比", "达标率", "自评完成率", "审核宽松度" }.Select(h => new ExportColumn(h))];

    private static readonly ExportColumn[] BranchColumns =
        [.. new[] { "名次", "代码", "名称", "上级代码", "已自评", "已审核", "抽查", "已交叉检查", "检查未通过", "退回重评", "申诉", "已认定",
            "总分", "等级", "达标", "审核宽松度" }.Select(h => new ExportColumn(h))];

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

    /// <summary>One sheet per level (市州, 县市区, 学校, 支部), each row ranked among its siblings by average score.
    /// Rows are read from the tree as the writer reaches them; nothing is collected first.</summary>
    public IReadOnlyList<ExportSheet> ExportSheets(bool singleTable)
    {
        // A CSV holds the levels as one table, which needs one set of columns: the branch sheet's.
        var unitColumns = singleTable ? BranchColumns : UnitColumns;
        return
        [
            new ExportSheet("市州", unitColumns, UnitRowsAsync(NodeKind.City, singleTable)),
            new ExportSheet("县市区", unitColumns, UnitRowsAsync(NodeKind.County, singleTable)),
            new ExportSheet("学校", unitColumns, UnitRowsAsync(NodeKind.School, singleTable)),
            new ExportSheet("支部", BranchColumns, BranchRowsAsync()),
        ];
    }

    private async IAsyncEnumerable<IReadOnlyList<object?>> UnitRowsAsync(NodeKind kind, bool branchShaped)
    {
        await foreach (var (view, rank) in WalkAsync(stopAt: kind))
        {
            if (view.Node.Kind != kind)
            {
                continue;
            }

            var t = view.Total;
            yield return branchShaped
                ? [rank, view.Node.Code, view.Node.Name, ScopeRootCode.Hide(view.Node.ParentCode), t.Submitted, t.Reviewed, t.Sampled, t.CrossChecked,
                    t.FailedCrossCheck, t.Returned, t.Appealed, t.Finalised, t.AverageScore, null, t.ComplianceRate, t.Generosity]
                : [rank, view.Node.Code, view.Node.Name, ScopeRootCode.Hide(view.Node.ParentCode), t.InScope, t.Submitted, t.Reviewed, t.Sampled, t.CrossChecked,
                    t.FailedCrossCheck, t.Appealed, t.Finalised, t.AverageScore, t.TopRatingShare, t.ComplianceRate, t.CompletionRate, t.Generosity];
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
                yield return [++rank, b.Code, b.Name, view.Node.Code, t.Submitted == 1, t.Reviewed == 1, t.Sampled == 1, t.CrossChecked == 1,
                    t.FailedCrossCheck == 1, t.Returned == 1, t.Appealed == 1, t.Finalised == 1,
                    t.Rated == 1 ? t.ScoreSum : null, t.Rated == 1 ? level.ToChinese() : null, t.Rated == 1 ? t.Compliant == 1 : null, t.Generosity];
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
