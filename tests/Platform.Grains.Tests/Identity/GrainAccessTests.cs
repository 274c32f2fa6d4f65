using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Framework;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Grains.Tests.Campaigns;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Identity;

/// <summary>
/// Defence in depth: the grains that change official data check the caller that travels with the call, whatever the
/// gateway did. Here no gateway runs at all: the calls go straight to the grains with another tenant's caller, none,
/// or a role the rules refuse, and must change nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainAccessTests(ClusterFixture fixture)
{
    private const string Branch1 = "9430102001-01";
    private const string Branch2 = "9430202001-01";

    private static readonly NodeDefinition[] Province =
    [
        new("430000", NodeKind.Province, "省", null),
        new("430100", NodeKind.City, "一市", "430000"),
        new("430102", NodeKind.County, "一区", "430100"),
        new("430103", NodeKind.County, "二区", "430100"),
        new("9430102001", NodeKind.School, "一校", "430102", SchoolProfile.Default),
        new(Branch1, NodeKind.Branch, "一支部", "9430102001", Members: 5),
        new("430200", NodeKind.City, "二市", "430000"),
        new("430202", NodeKind.County, "三区", "430200"),
        new("9430202001", NodeKind.School, "二校", "430202", SchoolProfile.Default),
        new(Branch2, NodeKind.Branch, "二支部", "9430202001", Members: 5),
    ];

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Node_commands_with_no_caller_another_tenants_or_a_role_that_may_not_are_refused_and_change_nothing()
    {
        var tenant = await SetUpAsync("access-node");
        var other = await SetUpAsync("access-node-other");
        var node = Node(tenant, Branch1);
        var before = await SnapshotAsync(tenant);
        Caller?[] strangers =
        [
            null,
            TestCallers.Admin(other),
            TestCallers.Platform(other, "deadline"),
            TestCallers.Operator,
            TestCallers.Viewer(tenant, "430000"),
            TestCallers.Secretary(tenant, Branch1),
            TestCallers.Reviewer(tenant, "430100"),
        ];

        foreach (var stranger in strangers)
        {
            var revision = (await node.GetAssessment()).Value!.Revision;
            var refusals = new (string Command, Failure Failure)[]
            {
                ("PutAssessment", (await AsAsync(stranger, () => node.PutAssessment(CampaignDriver.Scores(0.5m), revision))).Failure),
                ("ApplyVeto", (await AsAsync(stranger, () => node.ApplyVeto("V1", "发生违纪", revision))).Failure),
                ("CorrectAssessment", (await AsAsync(stranger, () => node.CorrectAssessment(Lowered, "更正", revision))).Failure),
                ("ApplyCampaignResult", (await AsAsync(stranger, () => node.ApplyCampaignResult("c9", Assessor.Score(CampaignDriver.Framework, CampaignDriver.Scores(0.1m)).Assessment!, "final"))).Failure),
                ("Move", (await AsAsync(stranger, () => Node(tenant, "9430102001").Move("430103"))).Failure),
                ("Close", (await AsAsync(stranger, () => node.Close())).Failure),
                ("Define", (await AsAsync(stranger, () => Node(tenant, "9430102001-02").Define(new("9430102001-02", NodeKind.Branch, "新支部", "9430102001", Members: 3)))).Failure),
            };

            Assert.All(refusals, r => Assert.True(r.Failure == Failure.Forbidden, $"{r.Command} as {stranger?.AuditName ?? "nobody"}: {r.Failure}"));
        }

        Assert.Equal(before, await SnapshotAsync(tenant));
    }

    [Fact]
    public async Task A_region_admin_writes_only_inside_its_subtree_and_moves_only_to_a_parent_inside_it()
    {
        var tenant = await SetUpAsync("access-region");
        var region = TestCallers.RegionAdmin(tenant, "430100");
        var before = await SnapshotAsync(tenant);

        var outside = await TestCallers.As(region, async () => await Node(tenant, Branch2).PutAssessment(CampaignDriver.Scores(0.5m), (await Node(tenant, Branch2).GetAssessment()).Value!.Revision));
        Assert.Equal(Failure.NotFound, outside.Failure);
        var correction = await TestCallers.As(region, async () => await Node(tenant, Branch1).CorrectAssessment(Lowered, "更正", (await Node(tenant, Branch1).GetAssessment()).Value!.Revision));
        Assert.Equal(Failure.Forbidden, correction.Failure);
        var awayFromIt = await TestCallers.As(region, () => Node(tenant, "9430102001").Move("430202"));
        Assert.Equal(Failure.Invalid, awayFromIt.Failure);
        Assert.Contains(awayFromIt.Errors, e => e.Field == "parentCode");
        var intoIt = await TestCallers.As(region, () => Node(tenant, "9430202001").Move("430102"));
        Assert.Equal(Failure.NotFound, intoIt.Failure);
        Assert.Equal(before, await SnapshotAsync(tenant));

        var inside = await TestCallers.As(region, async () => await Node(tenant, Branch1).PutAssessment(CampaignDriver.Scores(0.5m), (await Node(tenant, Branch1).GetAssessment()).Value!.Revision));
        Assert.True(inside.Succeeded, inside.Detail);
        var moved = await TestCallers.As(region, () => Node(tenant, "9430102001").Move("430103"));
        Assert.True(moved.Succeeded, moved.Detail);
        var history = (await Node(tenant, Branch1).GetRatingHistory()).Value!;
        Assert.Equal(region.AuditName, history[^1].Actor);
    }

    [Fact]
    public async Task Campaign_and_entry_commands_check_the_caller_and_where_the_roster_placed_the_branch()
    {
        var tenant = await SetUpAsync("access-campaign");
        var other = await SetUpAsync("access-campaign-other");
        var driver = new CampaignDriver(_grains, tenant, "c1");
        var definition = CampaignDriver.Definition(new CrossCheckPolicy(1m, 1, false));

        Assert.Equal(Failure.Forbidden, (await AsAsync(null, () => driver.Campaign.Create(definition))).Failure);
        Assert.Equal(Failure.Forbidden, (await AsAsync(TestCallers.Admin(other), () => driver.Campaign.Create(definition))).Failure);
        Assert.Equal(Failure.Forbidden, (await AsAsync(TestCallers.RegionAdmin(tenant, "430100"), () => driver.Campaign.Create(definition))).Failure);
        Assert.Null(await driver.Campaign.Get());

        Assert.True((await TestCallers.As(driver.Admin, () => driver.Campaign.Create(definition))).Succeeded);
        Assert.Equal(Failure.Forbidden, (await AsAsync(TestCallers.Admin(other), () => driver.Campaign.Advance(CampaignStage.SelfAssessment))).Failure);
        Assert.Equal(Failure.Forbidden, (await AsAsync(null, () => driver.Campaign.Advance(CampaignStage.SelfAssessment))).Failure);
        Assert.Equal(CampaignStage.Draft, (await driver.Campaign.Get())!.Stage);
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);

        var input = new SelfAssessmentInput(CampaignDriver.Scores(0.9m), new Dictionary<string, string>());
        var entry = driver.Entry(Branch1);
        var before = await driver.EntrySnapshotAsync(Branch1);
        Assert.Equal(Failure.Forbidden, (await AsAsync(null, () => entry.SubmitSelfAssessment(input, null))).Failure);
        Assert.Equal(Failure.Forbidden, (await AsAsync(TestCallers.Secretary(other, Branch1), () => entry.SubmitSelfAssessment(input, null))).Failure);
        Assert.Equal(Failure.NotFound, (await AsAsync(TestCallers.Secretary(tenant, Branch2), () => entry.SubmitSelfAssessment(input, null))).Failure);
        Assert.Equal(Failure.Forbidden, (await AsAsync(driver.Admin, () => entry.SubmitSelfAssessment(input, null))).Failure);
        Assert.Equal(Failure.Forbidden, (await AsAsync(driver.Admin, () => entry.Finalise(null))).Failure);
        Assert.Equal(before, await driver.EntrySnapshotAsync(Branch1));

        await driver.SelfAssessAsync(Branch1, CampaignDriver.Scores(0.9m));
        await driver.SelfAssessAsync(Branch2, CampaignDriver.Scores(0.9m));
        await driver.AdvanceAsync(CampaignStage.Review);
        var reviewedBefore = await driver.EntrySnapshotAsync(Branch1);
        var revision = (await driver.ViewAsync(Branch1)).Revision;
        Assert.Equal(Failure.NotFound, (await AsAsync(TestCallers.RegionAdmin(tenant, "430200"), () => entry.SubmitReview(ScoreChanges.None, revision))).Failure);
        Assert.Equal(Failure.Forbidden, (await AsAsync(TestCallers.Secretary(tenant, Branch1), () => entry.SubmitReview(ScoreChanges.None, revision))).Failure);
        Assert.Equal(reviewedBefore, await driver.EntrySnapshotAsync(Branch1));
        var reviewed = await TestCallers.As(TestCallers.RegionAdmin(tenant, "430102"), () => entry.SubmitReview(ScoreChanges.None, revision));
        Assert.True(reviewed.Succeeded, reviewed.Detail);

        // Both branches are drawn, each for the other city's reviewers.
        await driver.AdvanceAsync(CampaignStage.CrossCheck);
        var checkedBefore = await driver.EntrySnapshotAsync(Branch1);
        revision = (await driver.ViewAsync(Branch1)).Revision;
        Assert.Equal(Failure.NotFound, (await AsAsync(TestCallers.Reviewer(tenant, "430100"), () => entry.SubmitCrossCheck(ScoreChanges.None, revision))).Failure);
        Assert.Equal(Failure.Forbidden, (await AsAsync(TestCallers.Reviewer(other, "430200"), () => entry.SubmitCrossCheck(ScoreChanges.None, revision))).Failure);
        Assert.Equal(checkedBefore, await driver.EntrySnapshotAsync(Branch1));
        var crossChecked = await TestCallers.As(TestCallers.Reviewer(tenant, "430200"), () => entry.SubmitCrossCheck(ScoreChanges.None, revision));
        Assert.True(crossChecked.Succeeded, crossChecked.Detail);
        Assert.Equal("430200", crossChecked.Value!.CrossCheck!.ReviewerCity);
    }

    [Fact]
    public async Task Framework_and_tenant_changes_from_anyone_but_their_admin_are_refused()
    {
        var tenant = await SetUpAsync("access-framework");
        var other = await SetUpAsync("access-framework-other");
        var framework = _grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework(tenant));
        var current = (await framework.GetCurrent())!;
        var info = (await _grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Get())!;

        foreach (var stranger in new Caller?[] { null, TestCallers.Admin(other), TestCallers.RegionAdmin(tenant, "430100"), TestCallers.Viewer(tenant, "430000"), TestCallers.Operator })
        {
            Assert.Equal(Failure.Forbidden, (await AsAsync(stranger, () => framework.Publish(current with { Name = "新版" }, current.Version))).Failure);
            Assert.Equal(Failure.Forbidden, (await AsAsync(stranger, () => _grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Upsert("改名", null, info.Revision))).Failure);
        }

        Assert.Equal(current.Version, (await framework.GetCurrent())!.Version);
        Assert.Equal(info, await _grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Get());

        // Creating a tenant is the operator's alone; a tenant admin's attempt leaves no tenant behind.
        var created = await AsAsync(TestCallers.Admin(tenant), () => _grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("access-never")).Upsert("不该有", RatingScheme.Stars, null));
        Assert.Equal(Failure.Forbidden, created.Failure);
        Assert.Null(await _grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("access-never")).Get());
        Assert.Null(await _grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework("access-never")).GetCurrent());

        var published = await TestCallers.As(TestCallers.Admin(tenant), () => framework.Publish(current with { Name = "新版" }, current.Version));
        Assert.True(published.Succeeded, published.Detail);
    }

    private static ScoreChanges Lowered => new(
        new Dictionary<string, decimal> { ["2.1"] = 1m }, new Dictionary<string, string> { ["2.1"] = "记录不全" }, null);

    private async Task<string> SetUpAsync(string tenant)
    {
        await TenantSetup.CreateTenantAsync(_grains, tenant);
        await TenantSetup.DefineAllAsync(_grains, tenant, Province);
        using var admin = CallerContext.As(TestCallers.Admin(tenant));
        foreach (var branch in new[] { Branch1, Branch2 })
        {
            var baseline = await Node(tenant, branch).PutAssessment(CampaignDriver.Scores(0.8m), null);
            Assert.True(baseline.Succeeded, baseline.Detail);
        }

        return tenant;
    }

    /// <summary>What the commands could change: both branches' assessments and histories and where the school sits.</summary>
    private async Task<string> SnapshotAsync(string tenant) => CampaignDriver.Render(new
    {
        One = await Node(tenant, Branch1).GetAssessment(),
        OneHistory = await Node(tenant, Branch1).GetRatingHistory(),
        Two = await Node(tenant, Branch2).GetAssessment(),
        School = (await Node(tenant, "9430102001").GetView(Domain.Ranking.ChildrenQuery.Default))?.Info,
        New = await Node(tenant, "9430102001-02").GetView(Domain.Ranking.ChildrenQuery.Default),
    });

    private INodeGrain Node(string tenant, string code) => _grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code));

    /// <summary>Runs <paramref name="call"/> as <paramref name="caller"/>, or with no caller at all.</summary>
    private static async Task<T> AsAsync<T>(Caller? caller, Func<Task<T>> call)
    {
        if (caller is not null)
        {
            return await TestCallers.As(caller, call);
        }

        CallerContext.Clear();
        return await call();
    }
}
