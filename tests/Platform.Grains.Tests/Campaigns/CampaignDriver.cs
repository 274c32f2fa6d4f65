using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Campaigns;

/// <summary>Sets up a generated province in a fresh tenant and gives the tests short ways to drive one campaign, each
/// command as the one who makes it: the tenant admin advances and reviews, a branch's secretary self-assesses and
/// appeals, a reviewer of the assigned city cross-checks.</summary>
internal sealed class CampaignDriver(IGrainFactory grains, string tenant, string campaignId)
{
    public static readonly FrameworkVersion Framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);

    public string Tenant => tenant;

    public ICampaignGrain Campaign => grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenant, campaignId));

    public ICampaignEntryGrain Entry(string branch) => grains.GetGrain<ICampaignEntryGrain>(GrainKeys.CampaignEntry(tenant, campaignId, branch));

    public ICampaignTallyGrain Tally(string code) => grains.GetGrain<ICampaignTallyGrain>(GrainKeys.CampaignTally(tenant, campaignId, code));

    public INodeGrain Node(string code) => grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code));

    public Caller Admin => TestCallers.Admin(tenant);

    public Caller SecretaryOf(string branch) => TestCallers.Secretary(tenant, branch);

    public Caller ReviewerOf(string city) => TestCallers.Reviewer(tenant, city);

    /// <summary>Runs <paramref name="call"/> as <paramref name="caller"/>.</summary>
    public static Task<T> As<T>(Caller caller, Func<Task<T>> call) => TestCallers.As(caller, call);

    /// <summary>A definition every rule accepts over the whole generated province. It sets no deadline, so no reminder
    /// moves a stage while a test is looking.</summary>
    public static CampaignDefinition Definition(CrossCheckPolicy? crossCheck = null, QuotaPolicy? quotas = null, long seed = 1) => new(
        "2026年度五化星级评定", CampaignKind.AnnualStarRating, [RandomProvince.Root], 1, new Dictionary<CampaignStage, DateTimeOffset>(),
        crossCheck ?? new CrossCheckPolicy(0.5m, 1, CascadeOnFailure: true), quotas ?? QuotaPolicy.None, seed);

    public static List<string> RatedBranches(IEnumerable<NodeDefinition> definitions) =>
        definitions.Where(d => d.Kind.IsRated()).Select(d => d.Code).ToList();

    /// <param name="minimumPublicityDays">0 by default: these tests move from publicity to final at once; the minimum
    /// publicity (公示) has tests of its own.</param>
    public static async Task<List<NodeDefinition>> CreateProvinceAsync(
        IGrainFactory grains, string tenant, Random random, int cities, int countiesPerCity, int schoolsPerCounty, int? minimumPublicityDays = 0)
    {
        await TenantSetup.CreateTenantAsync(grains, tenant, minimumPublicityDays);
        var definitions = RandomProvince.Generate(random, cities, countiesPerCity, schoolsPerCounty);
        await TenantSetup.DefineAllAsync(grains, tenant, definitions);
        return definitions;
    }

    public async Task<EntryView> ViewAsync(string branch)
    {
        var view = await Entry(branch).Get();
        Assert.True(view.Succeeded, view.Detail);
        return view.Value!;
    }

    public async Task<EntryView> SelfAssessAsync(string branch, AssessmentInput input)
    {
        var current = await Entry(branch).Get();
        int? revision = current.Value?.Revision is > 0 and var r ? r : null;
        var outcome = await As(SecretaryOf(branch), () => Entry(branch).SubmitSelfAssessment(
            new SelfAssessmentInput(input, new Dictionary<string, string> { ["2.1"] = "会议记录12份" }), revision));
        Assert.True(outcome.Succeeded, $"{branch}: {outcome.Detail}");
        return outcome.Value!;
    }

    public async Task<EntryView> ReviewAsync(string branch, ScoreChanges changes)
    {
        var current = await ViewAsync(branch);
        var outcome = await As(Admin, () => Entry(branch).SubmitReview(changes, current.Revision));
        Assert.True(outcome.Succeeded, $"{branch}: {outcome.Detail}");
        return outcome.Value!;
    }

    /// <summary>A cross-check by a reviewer of the city the draw assigned the branch to.</summary>
    public async Task<Outcome<EntryView>> CrossCheckAsync(string branch, ScoreChanges changes)
    {
        var view = await ViewAsync(branch);
        return await As(ReviewerOf(view.CrossCheck!.ReviewerCity), () => Entry(branch).SubmitCrossCheck(changes, view.Revision));
    }

    /// <summary>An appeal by the branch's secretary.</summary>
    public async Task<Outcome<EntryView>> AppealAsync(string branch, AppealRequest appeal)
    {
        var view = await ViewAsync(branch);
        return await As(SecretaryOf(branch), () => Entry(branch).Appeal(appeal, view.Revision));
    }

    /// <summary>The tenant admin's decision on an appeal.</summary>
    public async Task<Outcome<EntryView>> DecideAsync(string branch, AppealRuling ruling)
    {
        var view = await ViewAsync(branch);
        return await As(Admin, () => Entry(branch).DecideAppeal(ruling, view.Revision));
    }

    public async Task<CampaignView> AdvanceAsync(CampaignStage to)
    {
        var advanced = await As(Admin, () => Campaign.Advance(to));
        Assert.True(advanced.Succeeded, advanced.Detail);
        return advanced.Value!;
    }

    /// <summary>Advances one stage at a time until the campaign stands at <paramref name="to"/>.</summary>
    public async Task<CampaignView> AdvanceToAsync(CampaignStage to)
    {
        var view = (await Campaign.Get())!;
        while (view.Stage < to)
        {
            view = await AdvanceAsync(view.Stage.Next()!.Value);
        }

        return view;
    }

    /// <summary>
    /// Everything a branch's entry shows — view, audit trail and the tally it reports — rendered as text. Records compare
    /// their lists and dictionaries by reference and every grain call brings fresh copies, so only a rendering can show
    /// that a refused command left the stored entry exactly as it was.
    /// </summary>
    public async Task<string> EntrySnapshotAsync(string branch)
    {
        var entry = Entry(branch);
        return Render(new { View = await entry.Get(), Audit = await entry.GetAudit(), Tally = await entry.Probe() });
    }

    /// <summary>The campaign as its admin sees it, its roster and its line in the tenant's list, rendered as text.</summary>
    public async Task<string> CampaignSnapshotAsync() => Render(new
    {
        View = await Campaign.Get(),
        Roster = await Campaign.ListBranches(0, 1000),
        Directory = await grains.GetGrain<ICampaignDirectoryGrain>(GrainKeys.CampaignDirectory(tenant)).List(),
    });

    public static string Render(object? value) => JsonSerializer.Serialize(value);

    /// <summary>Every indicator at a share of its maximum, so a test can aim a branch at a band.</summary>
    public static AssessmentInput Scores(decimal share, params string[] vetoes) => AssessmentInput.FromScores(
        Framework.Indicators.ToDictionary(i => i.Id, i => decimal.Round(i.Max * share, 2)), vetoes);

    /// <summary>Waits until the campaign-wide tally equals what the entries say, proving the tree converged.</summary>
    public async Task<TallyView> ConvergedRootAsync(IReadOnlyList<string> branches)
    {
        CampaignTally expected = CampaignTally.Zero;
        foreach (var branch in branches)
        {
            expected += ExpectedTally.Of(await ViewAsync(branch));
        }

        TallyView? root = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            root = await Tally(CampaignRoster.ScopeRoot).GetView();
            if (root?.Total == expected)
            {
                return root;
            }

            await Task.Delay(50);
        }

        Assert.Equal(expected, root?.Total);
        return root!;
    }
}
