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

/// <summary>
/// Every illegal stage move and every bad submission is refused with the failure the gateway maps to the right status,
/// naming the offending field, and leaves what is stored exactly as it was: view, revision, audit trail and tally.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignRefusalTests(ClusterFixture fixture)
{

    private static readonly string TooLong = new('记', CampaignEntry.MaxNoteLength + 1);

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Skipping_repeating_or_reversing_a_stage_and_advancing_a_final_campaign_are_conflicts_that_change_nothing()
    {
        var (driver, _, _) = await SetUpAsync("refuse-stages");

        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(CampaignStage.Review));
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(CampaignStage.Final));
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(CampaignStage.Draft));

        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(CampaignStage.SelfAssessment));
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(CampaignStage.CrossCheck));
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(CampaignStage.Draft));

        await driver.AdvanceToAsync(CampaignStage.Publicity);
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(CampaignStage.Publicity));
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(CampaignStage.Review));

        await driver.AdvanceAsync(CampaignStage.Final);
        foreach (var stage in Enum.GetValues<CampaignStage>())
        {
            await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Advance(stage));
        }

        var missing = new CampaignDriver(_grains, driver.Tenant, "c404");
        await AssertCampaignRefusedAsync(missing, Failure.NotFound, null, c => c.Advance(CampaignStage.SelfAssessment));
        Assert.Null(await missing.Campaign.Get());
    }

    [Theory]
    [InlineData("emptyName", "name")]
    [InlineData("blankName", "name")]
    [InlineData("nameTooLong", "name")]
    [InlineData("emptyScope", "scope")]
    [InlineData("regionTwice", "scope")]
    [InlineData("malformedRegion", "scope[0]")]
    [InlineData("unknownRegion", "scope[0]")]
    [InlineData("schoolAsScope", "scope[0]")]
    [InlineData("branchAsScope", "scope[1]")]
    [InlineData("unknownFrameworkVersion", "frameworkVersion")]
    [InlineData("deadlinesOutOfOrder", "deadlines.review")]
    [InlineData("deadlinesEqual", "deadlines.review")]
    [InlineData("deadlineInThePast", "deadlines.selfAssessment")]
    [InlineData("deadlineOnDraft", "deadlines.draft")]
    [InlineData("sampleRateAboveOne", "crossCheck.sampleRate")]
    [InlineData("sampleRateNegative", "crossCheck.sampleRate")]
    [InlineData("sampleRateTooPrecise", "crossCheck.sampleRate")]
    [InlineData("minimumPerCityNegative", "crossCheck.minimumPerCity")]
    [InlineData("minimumPerCityTooHigh", "crossCheck.minimumPerCity")]
    [InlineData("quotaShareAboveOne", "quotas.quotas[0].maxShare")]
    [InlineData("quotaShareNegative", "quotas.quotas[0].maxShare")]
    [InlineData("quotaOnLowestLevel", "quotas.quotas[0].level")]
    [InlineData("quotaOfOtherScheme", "quotas.quotas[0].level")]
    [InlineData("quotaTwice", "quotas.quotas[1].level")]
    [InlineData("quotaRegionIsSchool", "quotas.regionLevel")]
    public async Task A_definition_that_breaks_a_rule_is_invalid_naming_the_field_and_creates_nothing(string scenario, string field)
    {
        var tenant = $"refuse-def-{scenario}";
        var definitions = await CampaignDriver.CreateProvinceAsync(_grains, tenant, new Random(7), cities: 2, countiesPerCity: 1, schoolsPerCounty: 2);
        var driver = new CampaignDriver(_grains, tenant, "c1");
        var valid = CampaignDriver.Definition();
        var now = DateTimeOffset.UtcNow;
        var school = definitions.First(d => d.Kind == NodeKind.School).Code;
        var branch = definitions.First(d => d.Kind.IsRated()).Code;
        var bad = scenario switch
        {
            "emptyName" => valid with { Name = "" },
            "blankName" => valid with { Name = "   " },
            "nameTooLong" => valid with { Name = new string('评', 101) },
            "emptyScope" => valid with { Scope = [] },
            "regionTwice" => valid with { Scope = [RandomProvince.Root, RandomProvince.Root] },
            "malformedRegion" => valid with { Scope = ["43 01/00"] },
            "unknownRegion" => valid with { Scope = ["439900"] },
            "schoolAsScope" => valid with { Scope = [school] },
            "branchAsScope" => valid with { Scope = ["430100", branch] },
            "unknownFrameworkVersion" => valid with { FrameworkVersion = 99 },
            "deadlinesOutOfOrder" => valid with { Deadlines = Deadlines((CampaignStage.SelfAssessment, now.AddHours(2)), (CampaignStage.Review, now.AddHours(1))) },
            "deadlinesEqual" => valid with { Deadlines = Deadlines((CampaignStage.SelfAssessment, now.AddHours(1)), (CampaignStage.Review, now.AddHours(1))) },
            "deadlineInThePast" => valid with { Deadlines = Deadlines((CampaignStage.SelfAssessment, now.AddHours(-1))) },
            "deadlineOnDraft" => valid with { Deadlines = Deadlines((CampaignStage.Draft, now.AddHours(1))) },
            "sampleRateAboveOne" => valid with { CrossCheck = new CrossCheckPolicy(1.5m, 1, true) },
            "sampleRateNegative" => valid with { CrossCheck = new CrossCheckPolicy(-0.1m, 1, true) },
            "sampleRateTooPrecise" => valid with { CrossCheck = new CrossCheckPolicy(0.12345m, 1, true) },
            "minimumPerCityNegative" => valid with { CrossCheck = new CrossCheckPolicy(0.1m, -1, true) },
            "minimumPerCityTooHigh" => valid with { CrossCheck = new CrossCheckPolicy(0.1m, CrossCheckPolicy.MaxMinimumPerCity + 1, true) },
            "quotaShareAboveOne" => valid with { Quotas = new QuotaPolicy(NodeKind.Province, [new RatingQuota(RatingLevel.Star5, 1.5m)]) },
            "quotaShareNegative" => valid with { Quotas = new QuotaPolicy(NodeKind.Province, [new RatingQuota(RatingLevel.Star5, -0.1m)]) },
            "quotaOnLowestLevel" => valid with { Quotas = new QuotaPolicy(NodeKind.Province, [new RatingQuota(RatingLevel.Star1, 0.5m)]) },
            "quotaOfOtherScheme" => valid with { Quotas = new QuotaPolicy(NodeKind.Province, [new RatingQuota(RatingLevel.Excellent, 0.5m)]) },
            "quotaTwice" => valid with { Quotas = new QuotaPolicy(NodeKind.Province, [new RatingQuota(RatingLevel.Star5, 0.1m), new RatingQuota(RatingLevel.Star5, 0.2m)]) },
            "quotaRegionIsSchool" => valid with { Quotas = new QuotaPolicy(NodeKind.School, [new RatingQuota(RatingLevel.Star5, 0.1m)]) },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };

        await AssertCampaignRefusedAsync(driver, Failure.Invalid, field, c => c.Create(bad));
        Assert.Null(await driver.Campaign.Get());

        // Nothing half-made stands in the way of the corrected definition.
        var created = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Create(valid));
        Assert.True(created.Succeeded, created.Detail);
    }

    [Fact]
    public async Task A_refused_definition_leaves_no_campaign_in_memory()
    {
        var tenant = "refuse-def-memory";
        await CampaignDriver.CreateProvinceAsync(_grains, tenant, new Random(7), cities: 2, countiesPerCity: 1, schoolsPerCounty: 1);
        CampaignDefinition[] refused = [CampaignDriver.Definition() with { Name = "" }, CampaignDriver.Definition() with { FrameworkVersion = 99 }];
        for (var i = 0; i < refused.Length; i++)
        {
            var driver = new CampaignDriver(_grains, tenant, $"c{i + 1}");
            var outcome = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Create(refused[i]));
            Assert.Equal(Failure.Invalid, outcome.Failure);

            // Each refused creation (a hostile client can send thousands) must not hold an activation until collection.
            Assert.True(await Activations.GoneWithinAsync(_grains, driver.Campaign, TimeSpan.FromSeconds(5)),
                $"the campaign grain of a refused definition ({outcome.Detail}) is still active");
        }
    }

    [Fact]
    public async Task Creating_a_campaign_that_exists_is_a_conflict_and_keeps_the_first_definition()
    {
        var (driver, _, _) = await SetUpAsync("refuse-twice");
        var other = CampaignDriver.Definition() with { Name = "另一个活动", Kind = CampaignKind.CaseContest };

        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Create(CampaignDriver.Definition()));
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Create(other));

        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        await AssertCampaignRefusedAsync(driver, Failure.Conflict, null, c => c.Create(other));
    }

    [Fact]
    public async Task A_self_assessment_is_taken_only_while_the_campaign_is_in_self_assessment()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-self-stage", CampaignDriver.Definition(new CrossCheckPolicy(0m, 0, false)));
        var (submitted, silent) = (branches[0], branches[1]);

        // In draft there is no roster yet, so no branch is taking part.
        await AssertEntryRefusedAsync(driver, submitted, Failure.NotFound, null, driver.SecretaryOf(submitted), (e, r) => e.SubmitSelfAssessment(Self(), r));

        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        await driver.SelfAssessAsync(submitted, CampaignDriver.Scores(0.7m));

        foreach (var stage in new[] { CampaignStage.Review, CampaignStage.CrossCheck, CampaignStage.Publicity })
        {
            await driver.AdvanceAsync(stage);
            await AssertEntryRefusedAsync(driver, submitted, Failure.Conflict, null, driver.SecretaryOf(submitted), (e, r) => e.SubmitSelfAssessment(Self(), r));
            await AssertEntryRefusedAsync(driver, silent, Failure.Conflict, null, driver.SecretaryOf(silent), (e, r) => e.SubmitSelfAssessment(Self(), r));
        }
    }

    [Fact]
    public async Task A_self_assessment_with_an_unknown_indicator_points_out_of_range_or_a_bad_note_is_invalid_and_changes_nothing()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-self-input");
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        var (fresh, revised) = (branches[0], branches[1]);
        await driver.SelfAssessAsync(revised, CampaignDriver.Scores(0.7m));

        var cases = new (SelfAssessmentInput Input, string Field)[]
        {
            (Self(scores: ("9.9", 1m)), "scores.9.9"),
            (Self(scores: ("1.1", 3.01m)), "scores.1.1"),
            (Self(scores: ("1.1", -1m)), "scores.1.1"),
            (Self(scores: ("1.1", 1.005m)), "scores.1.1"),
            (Self(vetoes: ["V9"]), "vetoes[0]"),
            (Self(vetoes: ["V1", "V1"]), "vetoes"),
            (Self(evidence: ("9.9", "会议记录")), "evidence.9.9"),
            (Self(evidence: ("2.1", TooLong)), "evidence.2.1"),
            (Self(evidence: ("2.1", " ")), "evidence.2.1"),
        };

        foreach (var branch in new[] { fresh, revised })
        {
            foreach (var (input, field) in cases)
            {
                await AssertEntryRefusedAsync(driver, branch, Failure.Invalid, field, driver.SecretaryOf(branch), (e, r) => e.SubmitSelfAssessment(input, r));
            }
        }
    }

    [Fact]
    public async Task A_second_self_assessment_without_if_match_is_428_and_with_a_stale_or_unknown_revision_412()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-self-ifmatch");
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        var branch = branches[0];

        // A first submission may omit If-Match, but one that names a revision must name the real one (0).
        await AssertEntryRefusedAsync(driver, branch, Failure.PreconditionFailed, null, driver.SecretaryOf(branch), (e, _) => e.SubmitSelfAssessment(Self(), 3));

        await driver.SelfAssessAsync(branch, CampaignDriver.Scores(0.7m));
        await AssertEntryRefusedAsync(driver, branch, Failure.PreconditionRequired, null, driver.SecretaryOf(branch), (e, _) => e.SubmitSelfAssessment(Self(), null));
        await AssertEntryRefusedAsync(driver, branch, Failure.PreconditionFailed, null, driver.SecretaryOf(branch), (e, r) => e.SubmitSelfAssessment(Self(), r - 1));
        await AssertEntryRefusedAsync(driver, branch, Failure.PreconditionFailed, null, driver.SecretaryOf(branch), (e, r) => e.SubmitSelfAssessment(Self(), r + 1));

        // Someone else's revision in between makes the revision this writer read stale.
        var read = (await driver.ViewAsync(branch)).Revision;
        await driver.SelfAssessAsync(branch, CampaignDriver.Scores(0.9m));
        await AssertEntryRefusedAsync(driver, branch, Failure.PreconditionFailed, null, driver.SecretaryOf(branch), (e, _) => e.SubmitSelfAssessment(Self(), read));
    }

    [Fact]
    public async Task A_review_before_the_self_assessment_or_outside_the_review_stage_is_a_conflict_and_changes_nothing()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-review-stage", CampaignDriver.Definition(new CrossCheckPolicy(0m, 0, false)));
        var (submitted, silent) = (branches[0], branches[1]);
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        await driver.SelfAssessAsync(submitted, CampaignDriver.Scores(0.7m));

        await AssertEntryRefusedAsync(driver, submitted, Failure.Conflict, null, driver.Admin, (e, r) => e.SubmitReview(ScoreChanges.None, r));

        await driver.AdvanceAsync(CampaignStage.Review);
        await AssertEntryRefusedAsync(driver, silent, Failure.Conflict, null, driver.Admin, (e, r) => e.SubmitReview(ScoreChanges.None, r));

        foreach (var stage in new[] { CampaignStage.CrossCheck, CampaignStage.Publicity })
        {
            await driver.AdvanceAsync(stage);
            await AssertEntryRefusedAsync(driver, submitted, Failure.Conflict, null, driver.Admin, (e, r) => e.SubmitReview(ScoreChanges.None, r));
        }
    }

    [Fact]
    public async Task A_review_that_changes_a_score_without_a_reason_is_invalid_naming_the_reason_it_lacks()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-review-reasons");
        var branch = branches[0];
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        await driver.SelfAssessAsync(branch, CampaignDriver.Scores(0.7m));
        await driver.AdvanceAsync(CampaignStage.Review);

        var cases = new (ScoreChanges Changes, string Field)[]
        {
            (Changes([("1.1", 1m)]), "reasons.1.1"),
            (Changes([("1.1", 1m)], reasons: [("1.1", "")]), "reasons.1.1"),
            (Changes([("1.1", 1m)], reasons: [("1.1", new string('因', ScoreRevision.MaxReasonLength + 1))]), "reasons.1.1"),
            (Changes([("1.1", 1m), ("2.2", 1m)], reasons: [("1.1", "材料不全")]), "reasons.2.2"),
            (Changes([], vetoes: ["V1"]), "reasons.vetoes"),
            (Changes([("1.1", 9m)], reasons: [("1.1", "材料不全")]), "scores.1.1"),
            (Changes([("9.9", 1m)], reasons: [("9.9", "材料不全")]), "scores.9.9"),
        };

        foreach (var (changes, field) in cases)
        {
            await AssertEntryRefusedAsync(driver, branch, Failure.Invalid, field, driver.Admin, (e, r) => e.SubmitReview(changes, r));
        }

        await AssertEntryRefusedAsync(driver, branch, Failure.PreconditionRequired, null, driver.Admin, (e, _) => e.SubmitReview(ScoreChanges.None, null));
        await AssertEntryRefusedAsync(driver, branch, Failure.PreconditionFailed, null, driver.Admin, (e, r) => e.SubmitReview(ScoreChanges.None, r - 1));
    }

    [Fact]
    public async Task A_cross_check_is_taken_only_for_a_drawn_branch_from_a_reviewer_of_its_assigned_city_during_the_check()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-crosscheck", CampaignDriver.Definition(new CrossCheckPolicy(0.5m, 1, true)));
        var silent = branches[^1];
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        foreach (var branch in branches.Where(b => b != silent))
        {
            await driver.SelfAssessAsync(branch, CampaignDriver.Scores(0.8m));
        }

        // Before the draw no branch is assigned, so no reviewer reaches one: it answers as a branch that is not there.
        await driver.AdvanceAsync(CampaignStage.Review);
        await AssertEntryRefusedAsync(driver, branches[0], Failure.NotFound, null, driver.ReviewerOf("430100"), (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));

        await driver.AdvanceAsync(CampaignStage.CrossCheck);
        var views = new List<EntryView>();
        foreach (var branch in branches)
        {
            views.Add(await driver.ViewAsync(branch));
        }

        var drawn = views.First(v => v.CrossCheck is not null);
        var passedOver = views.First(v => v.CrossCheck is null && v.SelfAssessment is not null);
        var assigned = drawn.CrossCheck!.ReviewerCity;

        await AssertEntryRefusedAsync(driver, passedOver.Branch.Code, Failure.NotFound, null, driver.ReviewerOf(OtherCity(passedOver.Branch.CityCode)), (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));
        await AssertEntryRefusedAsync(driver, silent, Failure.NotFound, null, driver.ReviewerOf("430100"), (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));

        // Reviewers of any other city, the branch's own included, do not reach it; a region admin or the tenant admin
        // may not cross-check at all.
        var code = drawn.Branch.Code;
        await AssertEntryRefusedAsync(driver, code, Failure.NotFound, null, driver.ReviewerOf(drawn.Branch.CityCode), (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));
        await AssertEntryRefusedAsync(driver, code, Failure.NotFound, null, driver.ReviewerOf("439900"), (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));
        await AssertEntryRefusedAsync(driver, code, Failure.Forbidden, null, driver.Admin, (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));
        await AssertEntryRefusedAsync(driver, code, Failure.Invalid, "reasons.5.1", driver.ReviewerOf(assigned), (e, r) => e.SubmitCrossCheck(Changes([("5.1", 0m)]), r));
        await AssertEntryRefusedAsync(driver, code, Failure.PreconditionRequired, null, driver.ReviewerOf(assigned), (e, _) => e.SubmitCrossCheck(ScoreChanges.None, null));

        await driver.AdvanceAsync(CampaignStage.Publicity);
        await AssertEntryRefusedAsync(driver, code, Failure.Conflict, null, driver.ReviewerOf(assigned), (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));
    }

    [Fact]
    public async Task An_appeal_is_taken_once_only_during_publicity_and_only_against_known_indicators()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-appeal", CampaignDriver.Definition(new CrossCheckPolicy(0m, 0, false)));
        var (appellant, latecomer, silent) = (branches[0], branches[1], branches[2]);
        var appeal = new AppealRequest(["2.1"], "会议记录已补齐");
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        await driver.SelfAssessAsync(appellant, CampaignDriver.Scores(0.7m));
        await driver.SelfAssessAsync(latecomer, CampaignDriver.Scores(0.7m));

        foreach (var stage in new[] { CampaignStage.SelfAssessment, CampaignStage.Review, CampaignStage.CrossCheck })
        {
            await driver.AdvanceToAsync(stage);
            await AssertEntryRefusedAsync(driver, appellant, Failure.Conflict, null, driver.SecretaryOf(appellant), (e, r) => e.Appeal(appeal, r));
        }

        await driver.AdvanceAsync(CampaignStage.Publicity);
        await AssertEntryRefusedAsync(driver, silent, Failure.Conflict, null, driver.SecretaryOf(silent), (e, r) => e.Appeal(appeal, r));

        var cases = new (AppealRequest Appeal, string Field)[]
        {
            (new AppealRequest(["9.9"], "会议记录已补齐"), "indicators[0]"),
            (new AppealRequest(["2.1", "9.9"], "会议记录已补齐"), "indicators[1]"),
            (new AppealRequest([], "会议记录已补齐"), "indicators"),
            (new AppealRequest(["2.1"], ""), "reason"),
            (new AppealRequest(["2.1"], TooLong), "reason"),
        };

        foreach (var (request, field) in cases)
        {
            await AssertEntryRefusedAsync(driver, appellant, Failure.Invalid, field, driver.SecretaryOf(appellant), (e, r) => e.Appeal(request, r));
        }

        await AssertEntryRefusedAsync(driver, appellant, Failure.PreconditionFailed, null, driver.SecretaryOf(appellant), (e, r) => e.Appeal(appeal, r + 1));

        var first = await CampaignDriver.As(driver.SecretaryOf(appellant), async () => await driver.Entry(appellant).Appeal(appeal, (await driver.ViewAsync(appellant)).Revision));
        Assert.True(first.Succeeded, first.Detail);
        await AssertEntryRefusedAsync(driver, appellant, Failure.Conflict, null, driver.SecretaryOf(appellant), (e, r) => e.Appeal(appeal, r));
        await AssertEntryRefusedAsync(driver, appellant, Failure.Conflict, null, driver.SecretaryOf(appellant), (e, r) => e.Appeal(new AppealRequest(["3.1"], "另一项也有异议"), r));

        // A final refused for the open appeal leaves the campaign in publicity, taking appeals as before.
        var blocked = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Advance(CampaignStage.Final));
        Assert.Equal(Failure.Conflict, blocked.Failure);
        var campaign = (await driver.Campaign.Get())!;
        Assert.Equal((CampaignStage.Publicity, false, false), (campaign.Stage, campaign.AppealsClosed, campaign.Finalising));
        var late = await CampaignDriver.As(driver.SecretaryOf(latecomer), async () => await driver.Entry(latecomer).Appeal(appeal, (await driver.ViewAsync(latecomer)).Revision));
        Assert.True(late.Succeeded, late.Detail);
    }

    [Fact]
    public async Task Deciding_an_appeal_needs_an_open_one_in_publicity_and_a_rejection_changes_no_score()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-decide", CampaignDriver.Definition(new CrossCheckPolicy(0m, 0, false)));
        var (appellant, quiet) = (branches[0], branches[1]);
        var reject = new AppealRuling(false, ScoreChanges.None, "材料不足以支持更正");
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        await driver.SelfAssessAsync(appellant, CampaignDriver.Scores(0.7m));
        await driver.SelfAssessAsync(quiet, CampaignDriver.Scores(0.7m));
        await AssertEntryRefusedAsync(driver, appellant, Failure.Conflict, null, driver.Admin, (e, r) => e.DecideAppeal(reject, r));

        await driver.AdvanceToAsync(CampaignStage.Publicity);
        await AssertEntryRefusedAsync(driver, quiet, Failure.NotFound, null, driver.Admin, (e, r) => e.DecideAppeal(reject, r));

        var appealed = await CampaignDriver.As(driver.SecretaryOf(appellant), async () =>
            await driver.Entry(appellant).Appeal(new AppealRequest(["2.1"], "会议记录已补齐"), (await driver.ViewAsync(appellant)).Revision));
        Assert.True(appealed.Succeeded, appealed.Detail);

        var cases = new (AppealRuling Ruling, string Field)[]
        {
            (reject with { Changes = Changes([("2.1", 5m)], reasons: [("2.1", "补充材料属实")]) }, "changes"),
            (reject with { Changes = Changes([], vetoes: []) }, "changes"),
            (reject with { Reason = "" }, "reason"),
            (reject with { Reason = TooLong }, "reason"),
            (new AppealRuling(true, Changes([("2.1", 5m)]), "属实，予以更正"), "reasons.2.1"),
            (new AppealRuling(true, Changes([("2.1", 6m)], reasons: [("2.1", "补充材料属实")]), "属实，予以更正"), "scores.2.1"),
        };

        foreach (var (ruling, field) in cases)
        {
            await AssertEntryRefusedAsync(driver, appellant, Failure.Invalid, field, driver.Admin, (e, r) => e.DecideAppeal(ruling, r));
        }

        var decided = await CampaignDriver.As(driver.Admin, () => driver.Entry(appellant).DecideAppeal(reject, appealed.Value!.Revision));
        Assert.True(decided.Succeeded, decided.Detail);
        Assert.Equal(decided.Value!.SelfAssessment!.Assessment.Total, decided.Value.Result!.Assessment.Total);
        await AssertEntryRefusedAsync(driver, appellant, Failure.Conflict, null, driver.Admin, (e, r) => e.DecideAppeal(reject, r));
        await AssertEntryRefusedAsync(driver, appellant, Failure.Conflict, null, driver.Admin, (e, r) => e.DecideAppeal(new AppealRuling(true, ScoreChanges.None, "重新考虑"), r));
    }

    [Fact]
    public async Task A_branch_not_on_the_roster_is_not_found_by_any_command()
    {
        var (driver, definitions, branches) = await SetUpAsync("refuse-roster");
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);

        // A branch founded after the roster was fixed does not join the campaign under way.
        var school = definitions.First(d => d.Kind == NodeKind.School).Code;
        var late = $"{school}-99";
        var founded = await CampaignDriver.As(driver.Admin, () => driver.Node(late).Define(new NodeDefinition(late, NodeKind.Branch, "新成立支部", school, Members: 5)));
        Assert.True(founded.Succeeded, founded.Detail);
        var campaignBefore = await driver.CampaignSnapshotAsync();

        foreach (var code in new[] { late, "nowhere-01", school, RandomProvince.Root })
        {
            await AssertNotOnRosterAsync(driver, code);
        }

        Assert.Equal(campaignBefore, await driver.CampaignSnapshotAsync());

        // A real branch is not found in a campaign that does not exist.
        await AssertNotOnRosterAsync(new CampaignDriver(_grains, driver.Tenant, "c404"), branches[0]);
    }

    [Fact]
    public async Task Every_entry_command_after_the_campaign_is_final_is_a_conflict_and_changes_nothing()
    {
        var (driver, _, branches) = await SetUpAsync("refuse-final", CampaignDriver.Definition(new CrossCheckPolicy(0.5m, 1, false)));
        await driver.AdvanceAsync(CampaignStage.SelfAssessment);
        foreach (var branch in branches.Skip(1))
        {
            await driver.SelfAssessAsync(branch, CampaignDriver.Scores(0.75m));
        }

        await driver.AdvanceAsync(CampaignStage.Review);
        foreach (var branch in branches.Skip(1).Where((_, i) => i % 2 == 0))
        {
            await driver.ReviewAsync(branch, Changes([("1.1", 1m)], reasons: [("1.1", "材料不全")]));
        }

        await driver.AdvanceAsync(CampaignStage.CrossCheck);
        foreach (var branch in branches)
        {
            if ((await driver.ViewAsync(branch)) is { CrossCheck: { } check } view)
            {
                var checkedOutcome = await CampaignDriver.As(driver.ReviewerOf(check.ReviewerCity), () => driver.Entry(branch).SubmitCrossCheck(ScoreChanges.None, view.Revision));
                Assert.True(checkedOutcome.Succeeded, checkedOutcome.Detail);
            }
        }

        await driver.AdvanceAsync(CampaignStage.Publicity);
        var appellant = branches[1];
        var appealed = await CampaignDriver.As(driver.SecretaryOf(appellant), async () =>
            await driver.Entry(appellant).Appeal(new AppealRequest(["2.1"], "会议记录已补齐"), (await driver.ViewAsync(appellant)).Revision));
        Assert.True(appealed.Succeeded, appealed.Detail);
        var decided = await CampaignDriver.As(driver.Admin, () =>
            driver.Entry(appellant).DecideAppeal(new AppealRuling(true, Changes([("2.1", 5m)], reasons: [("2.1", "补充材料属实")]), "属实"), appealed.Value!.Revision));
        Assert.True(decided.Succeeded, decided.Detail);
        await driver.AdvanceAsync(CampaignStage.Final);

        var ruling = new AppealRuling(false, ScoreChanges.None, "维持");
        foreach (var branch in branches)
        {
            var view = await driver.ViewAsync(branch);
            var city = view.CrossCheck?.ReviewerCity ?? OtherCity(view.Branch.CityCode);
            await AssertEntryRefusedAsync(driver, branch, Failure.Conflict, null, driver.SecretaryOf(branch), (e, r) => e.SubmitSelfAssessment(Self(), r));
            await AssertEntryRefusedAsync(driver, branch, Failure.Conflict, null, driver.Admin, (e, r) => e.SubmitReview(ScoreChanges.None, r));
            // A branch the draw passed over is nobody's to cross-check: it answers as one not there.
            await AssertEntryRefusedAsync(driver, branch, view.CrossCheck is null ? Failure.NotFound : Failure.Conflict, null, driver.ReviewerOf(city),
                (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));
            await AssertEntryRefusedAsync(driver, branch, Failure.Conflict, null, driver.SecretaryOf(branch), (e, r) => e.Appeal(new AppealRequest(["2.1"], "迟到的申诉"), r));
            await AssertEntryRefusedAsync(driver, branch, Failure.Conflict, null, driver.Admin, (e, r) => e.DecideAppeal(ruling, r));

            // The campaign's own protocol calls, arriving late, must not reopen a settled result either.
            var before = await driver.EntrySnapshotAsync(branch);
            await driver.Entry(branch).MarkSampled(city);
            await driver.Entry(branch).SendBack(branches.First(b => b != branch));
            var again = await CampaignDriver.As(TestCallers.Platform(driver.Tenant, "final"), () =>
                driver.Entry(branch).Finalise(new QuotaPlacement(RatingLevel.Star5, RatingLevel.Star5, 100m, [])));
            Assert.True(again.Succeeded, again.Detail);
            Assert.Equal(CampaignDriver.Render(view.Final), CampaignDriver.Render(again.Value));
            Assert.Equal(before, await driver.EntrySnapshotAsync(branch));
        }
    }

    private async Task<(CampaignDriver Driver, List<NodeDefinition> Definitions, List<string> Branches)> SetUpAsync(
        string tenant, CampaignDefinition? definition = null)
    {
        var driver = new CampaignDriver(_grains, tenant, "c1");
        var definitions = await CampaignDriver.CreateProvinceAsync(_grains, tenant, new Random(7), cities: 2, countiesPerCity: 1, schoolsPerCounty: 8);
        var created = await CampaignDriver.As(driver.Admin, () => driver.Campaign.Create(definition ?? CampaignDriver.Definition()));
        Assert.True(created.Succeeded, created.Detail);
        return (driver, definitions, CampaignDriver.RatedBranches(definitions));
    }

    private static async Task AssertNotOnRosterAsync(CampaignDriver driver, string code)
    {
        var entry = driver.Entry(code);
        Assert.Equal(Failure.NotFound, (await entry.Get()).Failure);
        Assert.Equal(Failure.NotFound, (await entry.GetAudit()).Failure);
        await AssertEntryRefusedAsync(driver, code, Failure.NotFound, null, driver.SecretaryOf(code), (e, r) => e.SubmitSelfAssessment(Self(), r));
        await AssertEntryRefusedAsync(driver, code, Failure.NotFound, null, driver.Admin, (e, r) => e.SubmitReview(ScoreChanges.None, r));
        await AssertEntryRefusedAsync(driver, code, Failure.NotFound, null, driver.ReviewerOf("430100"), (e, r) => e.SubmitCrossCheck(ScoreChanges.None, r));
        await AssertEntryRefusedAsync(driver, code, Failure.NotFound, null, driver.SecretaryOf(code), (e, r) => e.Appeal(new AppealRequest(["2.1"], "有异议"), r));
        await AssertEntryRefusedAsync(driver, code, Failure.NotFound, null, driver.Admin, (e, r) => e.DecideAppeal(new AppealRuling(false, ScoreChanges.None, "维持"), r));

        var before = await driver.EntrySnapshotAsync(code);
        await entry.MarkSampled("430100");
        await entry.SendBack("someone-else");
        Assert.Equal(Failure.NotFound, (await CampaignDriver.As(TestCallers.Platform(driver.Tenant, "final"), () =>
            entry.Finalise(new QuotaPlacement(RatingLevel.Star3, RatingLevel.Star3, 75m, [])))).Failure);
        Assert.Equal(before, await driver.EntrySnapshotAsync(code));
    }

    /// <summary>Runs a command, as <paramref name="caller"/>, that must be refused, handing it the revision the entry is
    /// at, and proves the entry (view, revision, audit trail and reported tally) is exactly as it was.</summary>
    private static async Task AssertEntryRefusedAsync(
        CampaignDriver driver, string branch, Failure failure, string? field, Caller caller, Func<ICampaignEntryGrain, int, Task<Outcome<EntryView>>> command)
    {
        var before = await driver.EntrySnapshotAsync(branch);
        var revision = (await driver.Entry(branch).Get()).Value?.Revision ?? 0;
        AssertRefused(await CampaignDriver.As(caller, () => command(driver.Entry(branch), revision)), failure, field, branch);
        Assert.Equal(before, await driver.EntrySnapshotAsync(branch));
    }

    private static async Task AssertCampaignRefusedAsync(
        CampaignDriver driver, Failure failure, string? field, Func<ICampaignGrain, Task<Outcome<CampaignView>>> command)
    {
        var before = await driver.CampaignSnapshotAsync();
        AssertRefused(await CampaignDriver.As(driver.Admin, () => command(driver.Campaign)), failure, field, "campaign");
        Assert.Equal(before, await driver.CampaignSnapshotAsync());
    }

    private static void AssertRefused<T>(Outcome<T> outcome, Failure failure, string? field, string subject)
    {
        Assert.True(outcome.Failure == failure, $"{subject}: expected {failure}, got {outcome.Failure} ({outcome.Detail})");
        if (field is not null)
        {
            Assert.True(outcome.Errors.Any(e => e.Field == field), $"{subject}: expected an error on '{field}', got: {string.Join("; ", outcome.Errors)}");
        }
    }

    private static string OtherCity(string city) => city == "430100" ? "430200" : "430100";

    private static IReadOnlyDictionary<CampaignStage, DateTimeOffset> Deadlines(params (CampaignStage Stage, DateTimeOffset At)[] deadlines) =>
        deadlines.ToDictionary(d => d.Stage, d => d.At);

    /// <summary>A self-assessment at 70% of every indicator, with the given overrides.</summary>
    private static SelfAssessmentInput Self(
        (string Id, decimal Points)? scores = null, string[]? vetoes = null, (string Id, string Note)? evidence = null)
    {
        var points = CampaignDriver.Framework.Indicators.ToDictionary(i => i.Id, i => decimal.Round(i.Max * 0.7m, 2));
        if (scores is { } score)
        {
            points[score.Id] = score.Points;
        }

        var (noteId, note) = evidence ?? ("2.1", "会议记录12份");
        return new SelfAssessmentInput(AssessmentInput.FromScores(points, vetoes ?? []), new Dictionary<string, string> { [noteId] = note });
    }

    private static ScoreChanges Changes(
        (string Id, decimal Points)[] scores, (string Id, string Reason)[]? reasons = null, IReadOnlyList<string>? vetoes = null) => new(
        scores.ToDictionary(s => s.Id, s => s.Points),
        (reasons ?? []).ToDictionary(r => r.Id, r => r.Reason),
        vetoes);
}
