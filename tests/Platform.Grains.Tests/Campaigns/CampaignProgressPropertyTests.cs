using Orleans.Runtime;
using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Campaigns;

/// <summary>
/// The progress guarantee: at every stage of a randomly driven campaign, after duplicate and stale reports and after
/// everything was deactivated, every school's and region's tally (and the campaign-wide one) equals the sum of what
/// the entries of the branches under it say, recomputed by the test.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignProgressPropertyTests(ClusterFixture fixture)
{
    private const string Reviewer = "县委教育工委";

    // Reports are coalesced at 20 ms a hop in tests; this is generous so a slow shared machine does not fail the test.
    private static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromSeconds(20);

    private readonly IGrainFactory _grains = fixture.Grains;

    [Theory]
    [InlineData(3)]
    [InlineData(41)]
    public async Task Every_progress_node_equals_the_sum_of_its_branches_at_every_stage_despite_duplicate_and_stale_reports_and_reactivation(int seed)
    {
        var random = new Random(seed);
        var driver = new CampaignDriver(_grains, $"progress{seed}", "c1");
        var definitions = await CampaignDriver.CreateProvinceAsync(_grains, driver.Tenant, random, cities: 3, countiesPerCity: 2, schoolsPerCounty: 5);
        var tree = new ProgressTreeModel(definitions);
        var policy = new CrossCheckPolicy(0.3m, 1, CascadeOnFailure: true);
        var quotas = new QuotaPolicy(NodeKind.City, [new RatingQuota(RatingLevel.Star3, 0.2m)]);
        var created = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Create(CampaignDriver.Definition(policy, quotas, seed)));
        Assert.True(created.Succeeded, created.Detail);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);

        // A dashboard may look before the roster is fixed: there is no progress yet, and looking must not leave a node
        // unable to find its place once the roster exists.
        foreach (var node in tree.Nodes)
        {
            Assert.Null(await driver.Tally(node).GetView());
        }

        var opened = await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        Assert.Equal(tree.Branches.Count, opened.Branches);
        await AssertRosterIsTheHierarchyAsync(driver, tree);
        await AssertEveryNodeExactAsync(driver, tree, versions, "self-assessment opened");

        // Self-assessment: a random subset submits random scores; some revise theirs.
        var submitters = tree.Branches.Where(_ => random.Next(10) < 8).ToList();
        foreach (var branch in submitters)
        {
            await driver.SelfAssessAsync(branch, RandomInput(random));
        }

        var early = await ProbeAllAsync(driver, tree);
        foreach (var branch in submitters.Where(_ => random.Next(3) == 0))
        {
            await driver.SelfAssessAsync(branch, RandomInput(random));
        }

        await AssertEveryNodeExactAsync(driver, tree, versions, "self-assessed, some revised");

        // Review: random changes, each with its reason.
        await driver.AdvanceAsync(CampaignStage.Review);
        foreach (var branch in submitters.Where(_ => random.Next(10) < 7))
        {
            await driver.ReviewAsync(branch, RandomChanges(random, "复核调整"));
        }

        await AssertEveryNodeExactAsync(driver, tree, versions, "reviewed");

        // Late and repeated deliveries: reports from before the revisions and review, every current report twice, and
        // reports sent to a node that does not hold that child. None may move a total.
        await DeliverAsync(driver, early);
        var current = await ProbeAllAsync(driver, tree);
        await DeliverAsync(driver, current);
        await DeliverAsync(driver, current);
        await DeliverAsync(driver, current.Select(r => r with { Parent = Stranger(tree, r.Parent) }).ToList());
        await AssertEveryNodeExactAsync(driver, tree, versions, "stale, duplicate and misdirected reports delivered");

        // Everything deactivated: tallies hold nothing in storage, so each must rebuild from its children and the
        // entries, and come back at a version no lower than before, or a late report would pass for a new one.
        await _grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await AssertEveryNodeExactAsync(driver, tree, versions, "everything deactivated during review");
        await DeliverAsync(driver, early);
        await DeliverAsync(driver, current);
        await AssertEveryNodeExactAsync(driver, tree, versions, "old reports delivered to rebuilt nodes");

        // Cross-check: the draw, then random scores for every sampled branch; failures send siblings back, and some of
        // those re-assess and are reviewed again.
        var check = await driver.AdvanceAsync(CampaignStage.CrossCheck);
        await AssertDrawAsync(driver, tree, policy, seed, check);
        foreach (var branch in (await ViewsAsync(driver, tree.Branches)).Where(v => v.CrossCheck is not null).Select(v => v.Branch.Code))
        {
            // CrossCheckAsync reads the entry again: a sibling's failure may have sent this one back since the list was taken.
            var changes = random.Next(3) == 0 ? AllZero("抽查未达标") : RandomChanges(random, "抽查核减");
            var outcome = await driver.CrossCheckAsync(branch, changes);
            Assert.True(outcome.Succeeded, $"{branch}: {outcome.Detail}");
        }

        await AssertEveryNodeExactAsync(driver, tree, versions, "cross-checked");
        // Of the branches sent back, some do nothing, some only self-assess again (and owe a review), some are reviewed too.
        foreach (var view in (await ViewsAsync(driver, tree.Branches)).Where(v => v.Returned))
        {
            var redo = random.Next(3);
            if (redo > 0)
            {
                await driver.SelfAssessAsync(view.Branch.Code, RandomInput(random));
            }

            if (redo > 1)
            {
                await driver.ReviewAsync(view.Branch.Code, RandomChanges(random, "重新审核"));
            }
        }

        await AssertEveryNodeExactAsync(driver, tree, versions, "returned branches re-assessed");

        // Publicity: a few appeals, decided either way, one left open across a checkpoint.
        await driver.AdvanceAsync(CampaignStage.Publicity);
        var appellants = (await ViewsAsync(driver, tree.Branches)).Where(v => v.Result is not null)
            .Select(v => v.Branch.Code).OrderBy(_ => random.Next()).Take(4).ToList();
        foreach (var branch in appellants)
        {
            var disputed = CampaignDriver.Framework.Indicators.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(i => i.Id).ToList();
            var appealed = await driver.AppealAsync(branch, new AppealRequest(disputed, "材料已补齐"));
            Assert.True(appealed.Succeeded, $"{branch}: {appealed.Detail}");
        }

        await DecideAsync(driver, appellants[0], new AppealRuling(true, RandomChanges(random, "补充材料属实"), "属实，予以更正"));
        await DecideAsync(driver, appellants[1], new AppealRuling(false, ScoreChanges.None, "材料不足以支持更正"));
        await AssertEveryNodeExactAsync(driver, tree, versions, "appeals raised, some still open");
        foreach (var branch in appellants.Skip(2))
        {
            await DecideAsync(driver, branch, new AppealRuling(true, RandomChanges(random, "复核属实"), "部分属实"));
        }

        await AssertEveryNodeExactAsync(driver, tree, versions, "appeals decided");

        // Final: quotas applied, every result official; and once more from nothing.
        var final = await driver.AdvanceAsync(CampaignStage.Final);
        Assert.Equal(tree.Branches.Count, final.Finalised);
        await AssertEveryNodeExactAsync(driver, tree, versions, "final");
        foreach (var city in tree.UnitsOf(NodeKind.City))
        {
            // The tally counts the official ratings, so each city's 3★ seats hold no more than its quota allows.
            var total = (await driver.Tally(city).GetView())!.Total;
            Assert.True(total.Ratings.Star3 <= quotas.Quotas[0].Seats(total.Rated), $"{city}: {total.Ratings.Star3} at 3★ of {total.Rated} rated");
        }

        await _grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await DeliverAsync(driver, current);
        await AssertEveryNodeExactAsync(driver, tree, versions, "final, everything deactivated");
    }

    /// <summary>A report as it was probed, and the node it is addressed to.</summary>
    private sealed record Delivery(string Parent, TallyChild Report);

    /// <summary>
    /// Waits until every node of the tree holds exactly the sum of <see cref="ExpectedTally"/> over the branches under
    /// it, then checks no node's version went down since the last checkpoint.
    /// </summary>
    private static async Task AssertEveryNodeExactAsync(CampaignDriver driver, ProgressTreeModel tree, Dictionary<string, long> versions, string checkpoint)
    {
        var byBranch = new Dictionary<string, CampaignTally>(StringComparer.Ordinal);
        foreach (var view in await ViewsAsync(driver, tree.Branches))
        {
            byBranch[view.Branch.Code] = ExpectedTally.Of(view);
        }

        var expected = tree.Nodes.ToDictionary(
            node => node, node => tree.BranchesUnder(node).Aggregate(CampaignTally.Zero, (sum, branch) => sum + byBranch[branch]), StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + ConvergenceTimeout;
        while (true)
        {
            var views = await Task.WhenAll(tree.Nodes.Select(node => driver.Tally(node).GetView()));
            var off = tree.Nodes.Zip(views).Where(p => p.Second?.Total != expected[p.First]).ToList();
            if (off.Count == 0)
            {
                foreach (var (node, view) in tree.Nodes.Zip(views))
                {
                    Assert.True(view!.Version >= versions.GetValueOrDefault(node),
                        $"{checkpoint}: '{node}' went back from version {versions.GetValueOrDefault(node)} to {view.Version}");
                    versions[node] = view.Version;
                }

                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                var (node, view) = off[0];
                Assert.Fail($"{checkpoint}: {off.Count} of {tree.Nodes.Count} progress nodes are off after {ConvergenceTimeout}; '{node}' holds "
                    + $"{view?.Total.ToString() ?? "no view"} but the branches under it sum to {expected[node]}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The roster and the tree the campaign built agree with the hierarchy the test defined.</summary>
    private static async Task AssertRosterIsTheHierarchyAsync(CampaignDriver driver, ProgressTreeModel tree)
    {
        var roster = new List<RosterBranch>();
        for (var page = await driver.Campaign.ListBranches(0, 1000); page.Count > 0; page = await driver.Campaign.ListBranches(roster.Count, 1000))
        {
            roster.AddRange(page);
        }

        Assert.Equal(tree.Branches, roster.Select(b => b.Code).Order(StringComparer.Ordinal));
        foreach (var branch in roster)
        {
            Assert.Equal(tree.ParentOf(branch.Code), branch.TallyParent);
            Assert.Equal(tree.Nearest(branch.Code, NodeKind.School), branch.SchoolCode);
            Assert.Equal(tree.Nearest(branch.Code, NodeKind.County), branch.CountyCode);
            Assert.Equal(tree.Nearest(branch.Code, NodeKind.City), branch.CityCode);
        }

        foreach (var node in tree.Nodes)
        {
            var placed = await driver.Campaign.GetTallyNode(node);
            Assert.NotNull(placed);
            Assert.Equal(tree.ChildrenOf(node).Order(StringComparer.Ordinal), placed.Children.Select(c => c.Code).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// The draw as the entries record it: only submitted branches, never checked by their own city, as many per city
    /// as <see cref="CrossCheckDraw.SampleSize"/> says, and exactly what replaying the seeded draw over the same
    /// submissions gives.
    /// </summary>
    private static async Task AssertDrawAsync(CampaignDriver driver, ProgressTreeModel tree, CrossCheckPolicy policy, long seed, CampaignView campaign)
    {
        var views = await ViewsAsync(driver, tree.Branches);
        var cities = views.Select(v => v.Branch.CityCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var sampled = views.Where(v => v.CrossCheck is not null).ToList();
        Assert.NotEmpty(sampled);
        Assert.Equal(campaign.Sampled, sampled.Count);
        foreach (var view in sampled)
        {
            Assert.NotNull(view.SelfAssessment);
            Assert.NotEqual(view.Branch.CityCode, view.CrossCheck!.ReviewerCity);
            Assert.Contains(view.CrossCheck.ReviewerCity, cities);
        }

        foreach (var city in cities)
        {
            var submitted = views.Count(v => v.Branch.CityCode == city && v.SelfAssessment is not null);
            Assert.Equal(CrossCheckDraw.SampleSize(submitted, policy), sampled.Count(v => v.Branch.CityCode == city));
        }

        var replay = CrossCheckDraw.Draw(seed,
            views.Where(v => v.SelfAssessment is not null).Select(v => new CrossCheckCandidate(v.Branch.Code, v.Branch.CityCode)).ToList(), cities, policy);
        Assert.True(replay.Succeeded, string.Join("; ", replay.Errors));
        Assert.Equal(
            replay.Assignments.Select(a => $"{a.BranchCode}→{a.ReviewerCity}").Order(StringComparer.Ordinal),
            sampled.Select(v => $"{v.Branch.Code}→{v.CrossCheck!.ReviewerCity}").Order(StringComparer.Ordinal));
    }

    private static async Task<List<Delivery>> ProbeAllAsync(CampaignDriver driver, ProgressTreeModel tree)
    {
        var deliveries = new List<Delivery>();
        foreach (var branch in tree.Branches)
        {
            deliveries.Add(new(tree.ParentOf(branch), await driver.Entry(branch).Probe()));
        }

        foreach (var unit in tree.Units)
        {
            deliveries.Add(new(tree.ParentOf(unit), await driver.Tally(unit).Probe()));
        }

        return deliveries;
    }

    private static async Task DeliverAsync(CampaignDriver driver, IReadOnlyList<Delivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            await driver.Tally(delivery.Parent).ReportChild(delivery.Report);
        }
    }

    /// <summary>A node other than <paramref name="parent"/>, which therefore does not hold the reporting child.</summary>
    private static string Stranger(ProgressTreeModel tree, string parent) =>
        parent == CampaignRoster.ScopeRoot ? tree.Units[^1] : CampaignRoster.ScopeRoot;

    private static async Task DecideAsync(CampaignDriver driver, string branch, AppealRuling ruling)
    {
        var decided = await driver.DecideAsync(branch, ruling);
        Assert.True(decided.Succeeded, $"{branch}: {decided.Detail}");
    }

    private static async Task<List<EntryView>> ViewsAsync(CampaignDriver driver, IEnumerable<string> branches)
    {
        var views = new List<EntryView>();
        foreach (var branch in branches)
        {
            views.Add(await driver.ViewAsync(branch));
        }

        return views;
    }

    /// <summary>Scores scattered around a random level per branch, so results spread over every band, reviews and
    /// cross-checks can fail a passing branch, and the quota has seats to take away.</summary>
    private static AssessmentInput RandomInput(Random random)
    {
        var level = 0.45 + 0.55 * random.NextDouble();
        var scores = CampaignDriver.Framework.Indicators.ToDictionary(
            i => i.Id, i => decimal.Round(i.Max * (decimal)Math.Clamp(level + (random.NextDouble() - 0.5) * 0.2, 0, 1), 2));
        return AssessmentInput.FromScores(scores, random.Next(20) == 0 ? ["V1"] : []);
    }

    /// <summary>New points for up to three random indicators, and now and then new veto items, each with a reason.</summary>
    private static ScoreChanges RandomChanges(Random random, string reason)
    {
        var indicators = CampaignDriver.Framework.Indicators.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).ToList();
        var reasons = indicators.ToDictionary(i => i.Id, _ => reason);
        IReadOnlyList<string>? vetoes = null;
        if (random.Next(8) == 0)
        {
            vetoes = random.Next(2) == 0 ? [] : ["V3"];
            reasons[ScoreChanges.VetoReasonKey] = reason;
        }

        return new ScoreChanges(indicators.ToDictionary(i => i.Id, i => decimal.Round(i.Max * (decimal)random.NextDouble(), 2)), reasons, vetoes);
    }

    private static ScoreChanges AllZero(string reason) => new(
        CampaignDriver.Framework.Indicators.ToDictionary(i => i.Id, _ => 0m),
        CampaignDriver.Framework.Indicators.ToDictionary(i => i.Id, _ => reason),
        null);
}
