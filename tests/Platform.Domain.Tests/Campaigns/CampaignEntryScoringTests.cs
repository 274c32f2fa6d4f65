using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;
using static Platform.Domain.Tests.Campaigns.EntryScript;

namespace Platform.Domain.Tests.Campaigns;

/// <summary>Self-assessment, review and cross-check on one entry: what each stage takes, what it revises, and that every
/// changed score is audited against the value it replaces.</summary>
public class CampaignEntryScoringTests
{
    [Fact]
    public void A_first_self_assessment_is_scored_and_each_indicator_audited_from_nothing()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());

        var entry = script.Entry;
        Assert.Equal(90m, entry.Result!.Assessment.Total);
        Assert.Equal(RatingLevel.Star5, entry.Result.Assessment.Rating);
        Assert.Equal(SubmissionKind.SelfAssessment, Assert.Single(entry.Submissions).Kind);
        Assert.Equal(Frameworks.Stars.Scored().Count(), entry.Audit.Count);
        Assert.All(entry.Audit, line => Assert.Null(line.Old));
        Assert.Equal("会议记录12份", entry.Audit.Single(l => l.Indicator == "2.1").Reason);
    }

    [Fact]
    public void A_revised_self_assessment_audits_only_the_indicators_that_changed_and_keeps_the_first_in_the_history()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        var lines = script.Entry.Audit.Count;

        script.DoSelfAssess(AssessmentInput.FromScores(Inputs.FullMarks(Frameworks.Stars).With("3.1", 0).With("3.2", 4)));

        var line = Assert.Single(script.Entry.Audit.Skip(lines));
        Assert.Equal(("3.2", 0m, 4m), (line.Indicator, line.Old!.Value, line.New!.Value));
        Assert.Equal([90m, 94m], script.Entry.Submissions.Select(s => s.Assessment.Total));
    }

    [Fact]
    public void A_second_review_revises_the_first_review_not_the_self_assessment()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Review;

        script.DoReview(Change("4.1", 3, "三重一大记录不全"));
        script.DoReview(ScoreChanges.None);

        var result = script.Entry.Result!.Assessment;
        Assert.Equal((89m, RatingLevel.Star4), (result.Total, result.Rating));
        Assert.Equal(3m, result.IndicatorScores["4.1"]);
        Assert.Equal(
            [SubmissionKind.SelfAssessment, SubmissionKind.Review, SubmissionKind.Review],
            script.Entry.Submissions.Select(s => s.Kind));
    }

    [Fact]
    public void A_second_review_audits_each_change_against_the_first_review()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Review;
        script.DoReview(Change("4.1", 3, "三重一大记录不全"));
        var lines = script.Entry.Audit.Count;

        script.DoReview(Change("4.1", 2, "复核：年度计划缺失"));

        var line = Assert.Single(script.Entry.Audit.Skip(lines));
        Assert.Equal(("4.1", 3m, 2m, CampaignStage.Review, Reviewer), (line.Indicator, line.Old!.Value, line.New!.Value, line.Stage, line.Actor));
        Assert.Equal(88m, script.Entry.Result!.Assessment.Total);
    }

    [Fact]
    public void A_review_changing_a_score_without_a_usable_reason_is_invalid_naming_the_reason()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Review;

        script.AssertRefused(script.Try((e, c) => e.SubmitReview(Change("4.1", 3, ""), c), Reviewer), RefusalKind.Invalid, "reasons.4.1");
        script.AssertRefused(script.Try((e, c) => e.SubmitReview(Change("4.1", 3, "材料\u202E不全"), c), Reviewer), RefusalKind.Invalid, "reasons.4.1");
        script.AssertRefused(script.Try((e, c) => e.SubmitReview(Change("4.1", 3, new string('因', ScoreRevision.MaxReasonLength + 1)), c), Reviewer),
            RefusalKind.Invalid, "reasons.4.1");
        var unexplained = new ScoreChanges(new Dictionary<string, decimal> { ["4.1"] = 3 }, new Dictionary<string, string>(), null);
        script.AssertRefused(script.Try((e, c) => e.SubmitReview(unexplained, c), Reviewer), RefusalKind.Invalid, "reasons.4.1");
    }

    [Theory]
    [InlineData(CampaignStage.SelfAssessment)]
    [InlineData(CampaignStage.CrossCheck)]
    [InlineData(CampaignStage.Publicity)]
    public void A_review_outside_the_review_stage_of_a_branch_not_sent_back_is_a_conflict(CampaignStage stage)
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = stage;

        script.AssertRefused(script.Try((e, c) => e.SubmitReview(ScoreChanges.None, c), Reviewer), RefusalKind.Conflict);
    }

    [Fact]
    public void A_review_before_any_self_assessment_is_a_conflict()
    {
        var script = new EntryScript { Stage = CampaignStage.Review };

        script.AssertRefused(script.Try((e, c) => e.SubmitReview(ScoreChanges.None, c), Reviewer), RefusalKind.Conflict);
    }

    [Theory]
    [InlineData(CampaignStage.Review)]
    [InlineData(CampaignStage.CrossCheck)]
    [InlineData(CampaignStage.Publicity)]
    public void A_self_assessment_outside_self_assessment_of_a_branch_not_sent_back_is_a_conflict(CampaignStage stage)
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = stage;

        script.AssertRefused(script.Try((e, c) => e.SubmitSelfAssessment(Self(Ninety()), c), Secretary), RefusalKind.Conflict);
    }

    [Theory]
    [InlineData("9.9", "会议记录")]
    [InlineData("2.1", "")]
    [InlineData("2.1", "记录\u0000")]
    [InlineData("2.1", "记录\u200B")]
    public void A_self_assessment_with_a_note_on_no_indicator_or_an_unusable_note_is_invalid(string indicator, string note)
    {
        var script = new EntryScript();
        var submission = new SelfAssessmentInput(Ninety(), new Dictionary<string, string> { [indicator] = note });

        script.AssertRefused(script.Try((e, c) => e.SubmitSelfAssessment(submission, c), Secretary), RefusalKind.Invalid, $"evidence.{indicator}");
    }

    [Fact]
    public void A_note_may_span_lines()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());

        script.Do((e, c) => e.SubmitSelfAssessment(Self(Ninety(), "会议记录12份\n党课记录4份"), c), Secretary);

        Assert.Equal("会议记录12份\n党课记录4份", script.Entry.Evidence["2.1"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("支部\n书记")]
    [InlineData("支部\u202E书记")]
    public void A_command_without_a_usable_actor_is_invalid_naming_the_actor(string actor)
    {
        var script = new EntryScript();

        script.AssertRefused(script.Try((e, c) => e.SubmitSelfAssessment(Self(Ninety()), c), actor), RefusalKind.Invalid, "actor");
    }

    [Fact]
    public void An_actor_of_29_megabytes_is_refused_before_anything_is_kept()
    {
        var script = new EntryScript();
        var huge = new string('书', 29 * 1024 * 1024 / 2);

        var refusal = script.AssertRefused(script.Try((e, c) => e.SubmitSelfAssessment(Self(Ninety()), c), huge), RefusalKind.Invalid, "actor");

        Assert.Contains($"at most {CampaignEntry.MaxActorLength} characters", refusal.Detail);
    }

    [Fact]
    public void A_change_to_a_revised_entry_needs_the_revision_read_and_only_the_current_one()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        var revision = script.Entry.Revision;

        script.AssertRefused(script.Try((e, c) => e.SubmitSelfAssessment(Self(Ninety()), c with { ExpectedRevision = null }), Secretary),
            RefusalKind.PreconditionRequired);
        script.AssertRefused(script.Try((e, c) => e.SubmitSelfAssessment(Self(Ninety()), c), Secretary, revision - 1),
            RefusalKind.PreconditionFailed);
        script.AssertRefused(script.Try((e, c) => e.SubmitSelfAssessment(Self(Ninety()), c), Secretary, revision + 1),
            RefusalKind.PreconditionFailed);
    }

    [Fact]
    public void Nothing_changes_once_the_campaign_is_final_or_being_made_final()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Review;
        script.Finalising = true;
        script.AssertRefused(script.Try((e, c) => e.SubmitReview(ScoreChanges.None, c), Reviewer), RefusalKind.Conflict);

        script.Finalising = false;
        script.Stage = CampaignStage.Final;
        script.AssertRefused(script.Try((e, c) => e.SubmitReview(ScoreChanges.None, c), Reviewer), RefusalKind.Conflict);
    }

    [Fact]
    public void A_second_cross_check_revises_the_first_and_both_are_measured_against_the_review()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Review;
        script.DoReview(Change("4.1", 3));
        script.Stage = CampaignStage.CrossCheck;
        script.DoMarkSampled();

        script.DoCrossCheck(Change("5.1", 2, "阵地功能不全"));
        var lines = script.Entry.Audit.Count;
        script.DoCrossCheck(Change("5.2", 1, "标识不统一"));

        var check = script.Entry.CrossCheck!;
        Assert.Equal(2m, check.Result!.Assessment.IndicatorScores["5.1"]);
        Assert.Equal(85m, check.Result.Assessment.Total);
        Assert.Equal(85m - 89m, check.Deviation);
        var line = Assert.Single(script.Entry.Audit.Skip(lines));
        Assert.Equal(("5.2", 3m, 1m), (line.Indicator, line.Old!.Value, line.New!.Value));
    }

    [Fact]
    public void A_cross_check_that_takes_a_passing_branch_below_compliance_fails_it_and_owes_the_cascade()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.CrossCheck;
        script.DoMarkSampled();

        script.DoCrossCheck(AllZero());

        Assert.True(script.Entry.CrossCheck!.Failed);
        Assert.True(script.Entry.CascadePending);
        Assert.False(script.Entry.CascadeSent().CascadePending);
    }

    [Fact]
    public void A_failed_cross_check_owes_no_cascade_when_the_campaign_has_it_off()
    {
        var script = new EntryScript { Cascade = false }.DoSelfAssess(Ninety());
        script.Stage = CampaignStage.CrossCheck;
        script.DoMarkSampled();

        script.DoCrossCheck(AllZero());

        Assert.True(script.Entry.CrossCheck!.Failed);
        Assert.False(script.Entry.CascadePending);
    }

    [Fact]
    public void A_cross_check_of_a_branch_not_drawn_or_from_another_city_is_refused()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.CrossCheck;
        script.AssertRefused(script.Try((e, c) => e.SubmitCrossCheck(ScoreChanges.None, ReviewerCity, c), Checker), RefusalKind.Conflict);

        script.DoMarkSampled();
        script.AssertRefused(script.Try((e, c) => e.SubmitCrossCheck(ScoreChanges.None, "430100", c), Checker), RefusalKind.Invalid, "reviewerCity");
    }
}
