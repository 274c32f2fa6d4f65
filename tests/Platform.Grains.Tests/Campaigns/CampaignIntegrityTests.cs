using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Campaigns;

/// <summary>Official results change only with a trace: what a sent-back branch is finalised on, the audit line of a
/// quota demotion, and the minimum publicity (公示) before final, through the silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignIntegrityTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_branch_sent_back_and_never_reassessed_is_finalised_on_its_review_not_its_self_assessment()
    {
        // Every submitted branch is drawn, so a failing branch and its sibling are both in the sample.
        var (driver, branches) = await SetUpAsync("integrity-sendback", CampaignDriver.Definition(new CrossCheckPolicy(1m, 1, CascadeOnFailure: true)));
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        foreach (var branch in branches)
        {
            await driver.SelfAssessAsync(branch, CampaignDriver.Scores(0.95m));
        }

        var views = new List<EntryView>();
        foreach (var branch in branches)
        {
            views.Add(await driver.ViewAsync(branch));
        }

        var school = views.GroupBy(v => v.Branch.SchoolCode).First(g => g.Key is not null && g.Count() > 1).ToList();
        var (failing, sibling) = (school[0].Branch.Code, school[1].Branch.Code);

        await driver.AdvanceAsync(CampaignStage.Review);
        var reviewed = await driver.ReviewAsync(sibling, Lower("4.1", 1m, "三重一大记录不全"));
        Assert.NotEqual(reviewed.SelfAssessment!.Assessment.Total, reviewed.Review!.Assessment.Total);

        await driver.AdvanceAsync(CampaignStage.CrossCheck);
        var check = await driver.ViewAsync(failing);
        var failed = await driver.CrossCheckAsync(failing, AllZero());
        Assert.True(failed.Succeeded, failed.Detail);
        var returned = await driver.ViewAsync(sibling);
        Assert.True(returned.AwaitingReassessment);
        Assert.Equal(reviewed.Review.Assessment.Total, returned.Result!.Assessment.Total);

        await driver.AdvanceToAsync(CampaignStage.Final);

        var final = (await driver.ViewAsync(sibling)).Final!;
        Assert.Equal(reviewed.Review.Assessment.Total, final.Total);
        var official = await driver.Node(sibling).GetAssessment();
        Assert.True(official.Succeeded, official.Detail);
        Assert.Equal(reviewed.Review.Assessment.Total, official.Value!.Assessment.Total);
    }

    [Fact]
    public async Task A_quota_demotion_at_final_is_a_line_in_the_branch_audit_with_the_rank_and_the_seats()
    {
        var quotas = new QuotaPolicy(NodeKind.City, [new RatingQuota(RatingLevel.Star5, 0.1m)]);
        var (driver, branches) = await SetUpAsync("integrity-quota", CampaignDriver.Definition(new CrossCheckPolicy(0m, 0, false), quotas));
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        foreach (var (branch, i) in branches.Select((b, i) => (b, i)))
        {
            // Distinct totals from 100 down, all 5★, so the ranks are known.
            await driver.SelfAssessAsync(branch, CampaignDriver.Scores(1m - (i * 0.001m)));
        }

        await driver.AdvanceToAsync(CampaignStage.Publicity);
        await driver.AdvanceAsync(CampaignStage.Final);

        var demoted = 0;
        foreach (var branch in branches)
        {
            var entry = await driver.ViewAsync(branch);
            var audit = (await driver.Entry(branch).GetAudit()).Value!;
            var lines = audit.Where(l => l.Indicator == ScoreAuditRecord.RatingKey).ToList();
            if (entry.Final!.Rating == entry.Final.Earned)
            {
                Assert.Empty(lines);
                continue;
            }

            demoted++;
            var line = Assert.Single(lines);
            // Final's fan-out is the platform's own work, whoever advanced the campaign.
            Assert.Equal((RatingLevel.Star5, RatingLevel.Star4, "system:final", CampaignStage.Final), (line.OldRating!.Value, line.NewRating!.Value, line.Actor, line.Stage));
            Assert.Matches($@"^quota \(名额\): rank \d+ of \d+ 五星 seats in {entry.Branch.CityCode}; 五星 → 四星$", line.Reason);
        }

        Assert.True(demoted > branches.Count / 2, $"only {demoted} of {branches.Count} demoted: the quota did not bite");
    }

    [Fact]
    public async Task Final_waits_for_the_tenants_minimum_publicity_and_leaves_the_campaign_in_publicity_taking_appeals()
    {
        var (driver, branches) = await SetUpAsync("integrity-publicity", CampaignDriver.Definition(new CrossCheckPolicy(0m, 0, false)), minimumPublicityDays: null);
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        await driver.SelfAssessAsync(branches[0], CampaignDriver.Scores(0.8m));
        await driver.AdvanceToAsync(CampaignStage.Publicity);
        var before = await driver.CampaignSnapshotAsync();

        var early = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Advance(CampaignStage.Final));

        Assert.Equal(Failure.Conflict, early.Failure);
        Assert.Contains("results can be final from", early.Detail);
        Assert.Contains($"minimum publicity is {PublicityPeriod.DefaultDays} days", early.Detail);
        Assert.Equal(before, await driver.CampaignSnapshotAsync());
        var appealed = await driver.AppealAsync(branches[0], new AppealRequest(["2.1"], "会议记录已补齐"));
        Assert.True(appealed.Succeeded, appealed.Detail);
        var decided = await driver.DecideAsync(branches[0], new AppealRuling(false, ScoreChanges.None, "维持"));
        Assert.True(decided.Succeeded, decided.Detail);

        var tenant = _grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(driver.Tenant));
        var revision = (await tenant.Get())!.Revision;
        using (CallerContext.As(driver.Admin))
        {
            Assert.Equal(Failure.Invalid, (await tenant.Upsert("测试", RatingScheme.Stars, revision, PublicityPeriod.MaxDays + 1)).Failure);
            Assert.True((await tenant.Upsert("测试", RatingScheme.Stars, revision, 0)).Succeeded);
        }

        var final = await driver.AdvanceAsync(CampaignStage.Final);
        Assert.Equal(CampaignStage.Final, final.Stage);
    }

    [Fact]
    public async Task A_campaign_refuses_a_name_it_could_not_show_stores_nothing_and_records_its_caller_as_the_actor()
    {
        var tenant = "integrity-text";
        await CampaignDriver.CreateProvinceAsync(_grains, tenant, new Random(9), cities: 1, countiesPerCity: 1, schoolsPerCounty: 1);
        var driver = new CampaignDriver(_grains, tenant, "c1");
        using var _ = CallerContext.As(driver.Admin);
        var valid = CampaignDriver.Definition();

        var named = await driver.Campaign.Create(valid with { Name = "2026年度\u200B评定" });
        Assert.Contains(named.Errors, e => e.Field == "name");
        Assert.Null(await driver.Campaign.Get());

        var created = await driver.Campaign.Create(valid);
        Assert.True(created.Succeeded, created.Detail);
        Assert.Equal(driver.Admin.AuditName, Assert.Single(created.Value!.History).Actor);
    }

    private async Task<(CampaignDriver Driver, List<string> Branches)> SetUpAsync(string tenant, CampaignDefinition definition, int? minimumPublicityDays = 0)
    {
        var driver = new CampaignDriver(_grains, tenant, "c1");
        var definitions = await CampaignDriver.CreateProvinceAsync(_grains, tenant, new Random(11), cities: 2, countiesPerCity: 1, schoolsPerCounty: 8,
            minimumPublicityDays);
        var created = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Create(definition));
        Assert.True(created.Succeeded, created.Detail);
        return (driver, CampaignDriver.RatedBranches(definitions));
    }

    private static ScoreChanges Lower(string indicator, decimal by, string reason) => new(
        new Dictionary<string, decimal> { [indicator] = CampaignDriver.Framework.FindIndicator(indicator)!.Max * 0.95m - by },
        new Dictionary<string, string> { [indicator] = reason },
        null);

    private static ScoreChanges AllZero() => new(
        CampaignDriver.Framework.Indicators.ToDictionary(i => i.Id, _ => 0m),
        CampaignDriver.Framework.Indicators.ToDictionary(i => i.Id, _ => "抽查未达标"),
        null);
}
