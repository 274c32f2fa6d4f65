using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using static Platform.Domain.Tests.Campaigns.EntryScript;

namespace Platform.Domain.Tests.Campaigns;

/// <summary>Appeals (申诉) during publicity (公示) and their final decision.</summary>
public class CampaignEntryAppealsTests
{
    private static readonly AppealRequest Appeal = new(["2.1"], "会议记录已补齐");

    private static EntryScript InPublicity()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Publicity;
        return script;
    }

    [Fact]
    public void A_branch_appeals_once_during_publicity()
    {
        var script = InPublicity();

        script.Do((e, c) => e.RaiseAppeal(Appeal, c), Secretary);

        Assert.Equal(1, script.Entry.Tally().AppealsOpen);
        script.AssertRefused(script.Try((e, c) => e.RaiseAppeal(Appeal, c), Secretary), RefusalKind.Conflict);
    }

    [Fact]
    public void No_appeal_is_taken_while_final_checks_the_campaign()
    {
        var script = InPublicity();
        script.AppealsClosed = true;

        var refusal = script.AssertRefused(script.Try((e, c) => e.RaiseAppeal(Appeal, c), Secretary), RefusalKind.Conflict);

        Assert.Contains("appeal again in a moment", refusal.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("补齐\u202E")]
    public void An_appeal_without_a_usable_reason_is_invalid(string reason)
    {
        var script = InPublicity();

        script.AssertRefused(script.Try((e, c) => e.RaiseAppeal(Appeal with { Reason = reason }, c), Secretary), RefusalKind.Invalid, "reason");
    }

    [Fact]
    public void An_upheld_appeal_corrects_the_result_and_audits_each_change_against_it()
    {
        var script = InPublicity();
        script.Do((e, c) => e.RaiseAppeal(new AppealRequest(["3.1"], "党员名册已同步"), c), Secretary);
        var lines = script.Entry.Audit.Count;

        script.Do((e, c) => e.DecideAppeal(new AppealRuling(true, Change("3.1", 5, "名册属实"), "属实，予以更正"), c), Admin);

        Assert.Equal((95m, RatingLevel.Star5), (script.Entry.Result!.Assessment.Total, script.Entry.Result.Assessment.Rating));
        Assert.Equal(SubmissionKind.AppealDecision, script.Entry.Result.Kind);
        var line = Assert.Single(script.Entry.Audit.Skip(lines));
        Assert.Equal(("3.1", 0m, 5m, CampaignStage.Publicity), (line.Indicator, line.Old!.Value, line.New!.Value, line.Stage));
    }

    [Fact]
    public void A_rejected_appeal_changes_no_score_and_may_not_try()
    {
        var script = InPublicity();
        script.Do((e, c) => e.RaiseAppeal(Appeal, c), Secretary);

        script.AssertRefused(script.Try((e, c) => e.DecideAppeal(new AppealRuling(false, Change("2.1", 1), "不属实"), c), Admin),
            RefusalKind.Invalid, "changes");
        script.Do((e, c) => e.DecideAppeal(new AppealRuling(false, ScoreChanges.None, "不属实"), c), Admin);

        Assert.Equal(90m, script.Entry.Result!.Assessment.Total);
        Assert.Equal(0, script.Entry.Tally().AppealsOpen);
    }

    [Fact]
    public void An_appeal_is_decided_while_final_runs_but_not_raised()
    {
        var script = InPublicity();
        script.Do((e, c) => e.RaiseAppeal(Appeal, c), Secretary);
        script.Finalising = true;

        script.Do((e, c) => e.DecideAppeal(new AppealRuling(false, ScoreChanges.None, "不属实"), c), Admin);

        var other = InPublicity();
        other.Finalising = true;
        other.AssertRefused(other.Try((e, c) => e.RaiseAppeal(Appeal, c), Secretary), RefusalKind.Conflict);
    }

    [Fact]
    public void Deciding_an_appeal_never_raised_is_not_found()
    {
        var script = InPublicity();

        script.AssertRefused(script.Try((e, c) => e.DecideAppeal(new AppealRuling(false, ScoreChanges.None, "不属实"), c), Admin),
            RefusalKind.NotFound);
    }
}
