using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;
using static Platform.Domain.Tests.Campaigns.EntryScript;

namespace Platform.Domain.Tests.Campaigns;

/// <summary>A branch sent back for re-assessment because a sampled branch of its school failed the cross-check: its
/// history stays, it owes a self-assessment and then a review, and until then its latest reviewed scores stand.</summary>
public class CampaignEntrySendBackTests
{
    /// <summary>Self-assessed at 90, reviewed down to 89, then sent back during the cross-check.</summary>
    private static EntryScript SentBack()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Review;
        script.DoReview(Change("4.1", 3, "三重一大记录不全"));
        script.Stage = CampaignStage.CrossCheck;
        return script.DoSendBack();
    }

    [Fact]
    public void Sending_back_keeps_the_review_so_a_branch_never_reassessed_is_finalised_on_it()
    {
        var script = SentBack();
        script.Stage = CampaignStage.Publicity;
        script.Finalising = true;

        script.DoFinalise(script.Kept());

        Assert.NotNull(script.Entry.Review);
        Assert.Equal((89m, RatingLevel.Star4), (script.Entry.Final!.Total!.Value, script.Entry.Final.Rating!.Value));
        Assert.Equal(89m, script.Entry.Official!.Total);
    }

    [Fact]
    public void Sending_back_leaves_an_audit_line_naming_the_branch_that_failed()
    {
        var script = SentBack();

        var line = script.Entry.Audit[^1];
        Assert.Equal((ScoreAuditRecord.ReturnedKey, CampaignStage.CrossCheck), (line.Indicator, line.Stage));
        Assert.Contains("9430102001-02", line.Reason);
    }

    [Fact]
    public void A_sent_back_branch_owes_a_self_assessment_then_a_review_and_is_counted_so()
    {
        var script = SentBack();
        Assert.Equal((0, 0, 1), Owed(script.Entry));
        Assert.True(script.Entry.AwaitingReassessment);
        script.AssertRefused(script.Try((e, c) => e.SubmitReview(ScoreChanges.None, c), Reviewer), RefusalKind.Conflict);

        script.DoSelfAssess(AssessmentInput.FromScores(Inputs.FullMarks(Frameworks.Stars).With("3.1", 0).With("3.2", 0).With("3.3", 0)));
        Assert.Equal((1, 0, 1), Owed(script.Entry));
        Assert.False(script.Entry.AwaitingReassessment);

        script.DoReview(ScoreChanges.None);
        Assert.Equal((1, 1, 0), Owed(script.Entry));
        Assert.False(script.Entry.Returned);
    }

    [Fact]
    public void A_re_review_revises_the_new_self_assessment_not_the_old_review()
    {
        var script = SentBack();
        script.DoSelfAssess(AssessmentInput.FromScores(Inputs.FullMarks(Frameworks.Stars).With("3.1", 0).With("3.2", 0).With("3.3", 0)));
        var lines = script.Entry.Audit.Count;

        script.DoReview(Change("5.1", 3, "阵地功能不全"));

        var result = script.Entry.Result!.Assessment;
        Assert.Equal(4m, result.IndicatorScores["4.1"]);
        Assert.Equal(84m, result.Total);
        var line = Assert.Single(script.Entry.Audit.Skip(lines));
        Assert.Equal(("5.1", 4m, 3m), (line.Indicator, line.Old!.Value, line.New!.Value));
    }

    [Fact]
    public void A_new_self_assessment_is_audited_against_the_review_it_replaces_and_stands_only_once_reviewed()
    {
        var script = SentBack();
        var lines = script.Entry.Audit.Count;

        script.DoSelfAssess(Ninety());

        var line = Assert.Single(script.Entry.Audit.Skip(lines));
        Assert.Equal(("4.1", 3m, 4m), (line.Indicator, line.Old!.Value, line.New!.Value));
        Assert.Equal(89m, script.Entry.Result!.Assessment.Total);
        Assert.Equal(3, script.Entry.Submissions.Count);
    }

    [Fact]
    public void Only_a_passing_result_that_no_cross_check_found_goes_back_and_only_once()
    {
        var script = SentBack();
        var once = script.Entry;
        Assert.Same(once, script.DoSendBack("9430102001-03").Entry);

        var self = new EntryScript().DoSelfAssess(Ninety());
        Assert.Same(self.Entry, self.DoSendBack(Branch.Code).Entry);

        var failing = new EntryScript().DoSelfAssess(AssessmentInput.FromScores(Inputs.WithTotal(Frameworks.Stars, 50)));
        Assert.Same(failing.Entry, failing.DoSendBack().Entry);

        var silent = new EntryScript();
        Assert.Same(silent.Entry, silent.DoSendBack().Entry);

        var checkedOne = new EntryScript().DoSelfAssess(Ninety());
        checkedOne.Stage = CampaignStage.CrossCheck;
        checkedOne.DoMarkSampled().DoCrossCheck(ScoreChanges.None);
        Assert.Same(checkedOne.Entry, checkedOne.DoSendBack().Entry);
    }

    /// <summary>What the branch's tally says it has done: submitted (a standing self-assessment), reviewed, returned.</summary>
    private static (int Submitted, int Reviewed, int Returned) Owed(CampaignEntry entry)
    {
        var tally = entry.Tally();
        return (tally.Submitted, tally.Reviewed, tally.Returned);
    }
}
