using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Contracts.Campaigns;
using Platform.Domain.Audit;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Campaigns;

/// <summary>A whole campaign over a generated province: every stage, a deadline passing by reminder, the cross-region
/// check with its cascade, an appeal, quotas, and a finalisation interrupted and re-run.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignLifecycleTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_campaign_runs_from_draft_to_final_and_every_result_lands_once_in_the_hierarchy()
    {
        var random = new Random(4);
        var driver = new CampaignDriver(_grains, "life", "c1");
        var definitions = await CampaignDriver.CreateProvinceAsync(_grains, driver.Tenant, random, cities: 3, countiesPerCity: 2, schoolsPerCounty: 20);
        var branches = definitions.Where(d => d.Kind.IsRated()).Select(d => d.Code).ToList();

        // Draft, with a self-assessment deadline a few seconds out: the reminder, not a command, will close it.
        var now = DateTimeOffset.UtcNow;
        var definition = new CampaignDefinition("2026年度五化星级评定", CampaignKind.AnnualStarRating, [RandomProvince.Root], 1,
            new Dictionary<CampaignStage, DateTimeOffset>
            {
                [CampaignStage.SelfAssessment] = now.AddSeconds(8),
                [CampaignStage.Review] = now.AddHours(1),
                [CampaignStage.CrossCheck] = now.AddHours(2),
                [CampaignStage.Publicity] = now.AddHours(3),
            },
            new CrossCheckPolicy(0.3m, 1, CascadeOnFailure: true),
            new QuotaPolicy(NodeKind.Province, [new RatingQuota(RatingLevel.Star5, 0.3m)]),
            Seed: 20261124);
        var created = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Create(definition));
        Assert.True(created.Succeeded, created.Detail);

        var opened = await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        Assert.Equal(branches.Count, opened.Branches);

        // Self-assessment by most branches; some revise theirs.
        var submitters = branches.Where(_ => random.Next(10) < 9).ToList();
        foreach (var branch in submitters)
        {
            await driver.SelfAssessAsync(branch, CampaignDriver.Scores(0.6m + (decimal)random.Next(0, 40) / 100));
        }

        foreach (var branch in submitters.Take(10))
        {
            await driver.SelfAssessAsync(branch, CampaignDriver.Scores(0.95m));
        }

        await driver.ConvergedRootAsync(branches);

        // The deadline passes: the reminder moves the campaign to review with nobody acting.
        var moved = await WaitForStageAsync(driver, CampaignStage.Review, TimeSpan.FromSeconds(30));
        Assert.Equal("system:deadline", moved.History[^1].Actor);

        // The platform's own write is a line in the tenant's audit log.
        var audit = new AuditLogReader(_grains);
        var deadline = await WaitForAsync(async () => await audit.ReadAsync(driver.Tenant, new AuditQuery(Actor: "system:deadline")), page => page.Entries.Count > 0);
        var advanced = Assert.Single(deadline.Entries);
        Assert.Equal(("CampaignAdvance", "campaigns/c1", "selfAssessment", "review"), (advanced.Operation, advanced.Target, advanced.Before, advanced.After));

        // Review: the supervising region lowers one indicator of some submissions, with a reason.
        foreach (var branch in submitters.Where(_ => random.Next(10) < 8))
        {
            var self = (await driver.ViewAsync(branch)).SelfAssessment!.Assessment;
            var lowered = Math.Max(0, self.IndicatorScores["2.1"] - 1);
            await driver.ReviewAsync(branch, new ScoreChanges(
                new Dictionary<string, decimal> { ["2.1"] = lowered },
                new Dictionary<string, string> { ["2.1"] = "会议记录不全" }, null));
        }

        var crossCheck = await driver.AdvanceAsync(CampaignStage.CrossCheck);
        Assert.True(crossCheck.Sampled > 0);

        // Cross-check: every sampled branch re-scored by its assigned city; one passing branch with siblings fails.
        var sampled = new List<EntryView>();
        foreach (var branch in submitters)
        {
            var view = await driver.ViewAsync(branch);
            if (view.CrossCheck is not null)
            {
                Assert.NotEqual(view.Branch.CityCode, view.CrossCheck.ReviewerCity);
                sampled.Add(view);
            }
        }

        Assert.Equal(crossCheck.Sampled, sampled.Count);
        var failing = sampled.First(v => v.Result!.Assessment.Compliant
            && definitions.Count(d => d.Kind.IsRated() && SchoolOf(definitions, d.Code) == v.Branch.SchoolCode) > 1);
        foreach (var view in sampled)
        {
            var changes = view == failing ? AllZero() : new ScoreChanges(
                new Dictionary<string, decimal> { ["5.1"] = 0 }, new Dictionary<string, string> { ["5.1"] = "阵地未达标" }, null);
            var outcome = await driver.CrossCheckAsync(view.Branch.Code, changes);
            Assert.True(outcome.Succeeded, outcome.Detail);
        }

        var failed = await driver.ViewAsync(failing.Branch.Code);
        Assert.True(failed.CrossCheck!.Failed);
        Assert.True(failed.CrossCheck.Deviation < 0);
        var siblings = new List<EntryView>();
        foreach (var code in branches.Where(b => b != failing.Branch.Code && SchoolOf(definitions, b) == failing.Branch.SchoolCode))
        {
            siblings.Add(await driver.ViewAsync(code));
        }

        var returned = siblings.Where(s => s.Returned).ToList();
        Assert.Equal(siblings.Count(s => s.SelfAssessment is not null && s.CrossCheck?.Result is null
            && (s.Result?.Assessment.Compliant ?? false || s.Returned)), returned.Count);
        Assert.NotEmpty(returned);

        // A returned branch re-assesses and is reviewed again within the cross-check stage.
        var redo = returned[0].Branch.Code;
        await driver.SelfAssessAsync(redo, CampaignDriver.Scores(0.8m));
        await driver.ReviewAsync(redo, ScoreChanges.None);
        Assert.False((await driver.ViewAsync(redo)).Returned);

        await driver.ConvergedRootAsync(branches);
        await driver.AdvanceAsync(CampaignStage.Publicity);

        // An appeal blocks final until it is decided.
        var appellant = submitters.First(b => b != failing.Branch.Code);
        var appealed = await driver.AppealAsync(appellant, new AppealRequest(["2.1"], "会议记录已补齐"));
        Assert.True(appealed.Succeeded, appealed.Detail);
        var blocked = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Advance(CampaignStage.Final));
        Assert.Equal(Failure.Conflict, blocked.Failure);
        Assert.Contains("appeals are still open", blocked.Detail);

        // The refused final leaves the campaign in publicity, taking appeals again.
        var latecomer = submitters.Last();
        var late = await driver.AppealAsync(latecomer, new AppealRequest(["2.1"], "公示期内的第二个申诉"));
        Assert.True(late.Succeeded, late.Detail);

        var decided = await driver.DecideAsync(appellant, new AppealRuling(true, new ScoreChanges(
            new Dictionary<string, decimal> { ["2.1"] = CampaignDriver.Framework.FindIndicator("2.1")!.Max },
            new Dictionary<string, string> { ["2.1"] = "补充材料属实" }, null), "属实，予以更正"));
        Assert.True(decided.Succeeded, decided.Detail);
        var rejected = await driver.DecideAsync(latecomer, new AppealRuling(false, ScoreChanges.None, "材料不足以支持更正"));
        Assert.True(rejected.Succeeded, rejected.Detail);
        await driver.ConvergedRootAsync(branches);

        // Finalisation is interrupted twice: once before a node takes its result, once after it took it but before the
        // entry heard back. The re-run must finish both without counting either twice.
        var rated = submitters.Where(b => b != appellant && b != latecomer).ToList();
        FaultInjection.FailOnce(GrainKeys.Node(driver.Tenant, rated[0]), "ApplyCampaignResult", FaultInjection.FaultPoint.BeforeCall);
        FaultInjection.FailOnce(GrainKeys.Node(driver.Tenant, rated[1]), "ApplyCampaignResult", FaultInjection.FaultPoint.AfterCall);
        var interrupted = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Advance(CampaignStage.Final));
        Assert.Equal(Failure.Conflict, interrupted.Failure);
        Assert.Equal(2, interrupted.Errors.Count);
        Assert.True((await driver.Campaign.Get())!.Finalising);
        var revision = (await driver.ViewAsync(rated[0])).Revision;
        var refusedEdit = await CampaignDriver.As(driver.Admin, () => driver.Entry(rated[0]).SubmitReview(ScoreChanges.None, revision));
        Assert.Equal(Failure.Conflict, refusedEdit.Failure);

        var final = await driver.AdvanceAsync(CampaignStage.Final);
        Assert.Equal(CampaignStage.Final, final.Stage);
        Assert.Equal(branches.Count, final.Finalised);

        // Every result landed exactly once: the node's assessment is the official one, at revision 1.
        var root = await driver.ConvergedRootAsync(branches);
        Assert.Equal(branches.Count, root.Total.Finalised);
        Assert.True(root.Total.Ratings.Star5 <= (int)Math.Floor(0.3m * root.Total.Rated), $"{root.Total.Ratings.Star5} five-star of {root.Total.Rated}");
        foreach (var branch in branches)
        {
            var entry = await driver.ViewAsync(branch);
            var assessment = await driver.Node(branch).GetAssessment();
            if (entry.Final!.Rating is { } level)
            {
                Assert.True(assessment.Succeeded, assessment.Detail);
                Assert.Equal(1, assessment.Value!.Revision);
                Assert.Equal(level, assessment.Value.Assessment.Rating);
                Assert.Equal(entry.Result!.Assessment.Total, assessment.Value.Assessment.Total);
            }
            else
            {
                Assert.Equal(Failure.NotFound, assessment.Failure);
            }
        }

        // Each official rating final set is a line of its own, as the platform's work, with the branch's ancestry: once,
        // the re-run after the interruption included.
        var finalLines = (await audit.ReadAsync(driver.Tenant, new AuditQuery(Actor: "system:final", PageSize: AuditQuery.MaxPageSize))).Entries;
        var officiallyRated = new List<string>();
        foreach (var branch in branches)
        {
            if ((await driver.ViewAsync(branch)).Final!.Rating is not null)
            {
                officiallyRated.Add(branch);
            }
        }

        Assert.Equal(officiallyRated.Order(), finalLines.Select(l => l.Node!).Order());
        Assert.All(finalLines, l => Assert.Equal(RandomProvince.Root, l.Ancestry[0]));
        Assert.All(finalLines, l => Assert.Equal(l.Node, l.Ancestry[^1]));
        Assert.All(finalLines, l => Assert.Equal("CampaignFinalise", l.Operation));

        // The standing hierarchy now counts the official ratings.
        var province = await WaitForAsync(async () => await driver.Node(RandomProvince.Root).GetSummary(),
            s => s!.Summary.Assessed == root.Total.Rated);
        Assert.Equal(root.Total.Ratings, province!.Summary.Ratings);
        Assert.Equal(root.Total.Compliant, province.Summary.Compliant);

        var again = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Advance(CampaignStage.Final));
        Assert.Equal(Failure.Conflict, again.Failure);
    }

    private static string? SchoolOf(List<NodeDefinition> definitions, string code)
    {
        var byCode = definitions.ToDictionary(d => d.Code);
        for (var at = byCode[code]; at.ParentCode is { } parent; at = byCode[parent])
        {
            if (byCode[parent].Kind == NodeKind.School)
            {
                return parent;
            }
        }

        return null;
    }

    private static ScoreChanges AllZero() => new(
        CampaignDriver.Framework.Indicators.ToDictionary(i => i.Id, _ => 0m),
        CampaignDriver.Framework.Indicators.ToDictionary(i => i.Id, _ => "抽查未达标"),
        null);

    private static async Task<CampaignView> WaitForStageAsync(CampaignDriver driver, CampaignStage stage, TimeSpan timeout) =>
        (await WaitForAsync(() => driver.Campaign.Get(), c => c!.Stage == stage, timeout))!;

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        Assert.True(done(value), $"timed out waiting; last value {value}");
        return value;
    }
}
