using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;
using Platform.Domain.Standing;

namespace Platform.Domain.Tests.Standing;

public class StandingAssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly FrameworkVersion Stars = Frameworks.Stars;

    private static Assessment Official(decimal total, RatingLevel? rating = null)
    {
        var scored = Inputs.ScoreOrFail(Stars, Inputs.Scores(Inputs.WithTotal(Stars, total)));
        return rating is { } level ? scored with { Rating = level } : scored;
    }

    private static StandingAssessment RatedByCampaign(decimal total, RatingLevel? rating = null) =>
        StandingAssessment.None.ApplyCampaignFinal("c1", Official(total, rating), "final", "campaign c1 final", Now).Standing;

    [Fact]
    public void A_baseline_assessment_is_recorded_with_an_audit_line_naming_who_and_from_what()
    {
        var first = StandingAssessment.None.Baseline(Stars, Inputs.Scores(Inputs.WithTotal(Stars, 75)), null, "湖南省教育工委", Now);
        var second = first.Standing.Baseline(Stars, Inputs.Scores(Inputs.WithTotal(Stars, 92)), 1, "湖南省教育工委", Now.AddDays(1));

        Assert.True(second.Succeeded);
        var line = Assert.Single(second.Standing.History.Skip(1));
        Assert.Equal((RatingLevel.Star3, 75m, RatingLevel.Star5, 92m), (line.OldRating, line.OldTotal, line.NewRating, line.NewTotal));
        Assert.Equal(RatingChangeSource.Baseline, line.Source);
        Assert.Equal("湖南省教育工委", line.Actor);
        Assert.Equal(2, second.Standing.Revision);
    }

    [Fact]
    public void A_baseline_sent_again_after_its_answer_was_lost_is_answered_as_done_not_refused_as_stale()
    {
        var input = Inputs.Scores(Inputs.WithTotal(Stars, 92));
        var first = StandingAssessment.None.Baseline(Stars, Inputs.Scores(Inputs.WithTotal(Stars, 75)), null, "admin", Now).Standing;
        var stored = first.Baseline(Stars, input, 1, "admin", Now).Standing;

        // The client got a 503 for that submission and sends it again, quoting the revision it knew.
        var replay = stored.Baseline(Stars, input, 1, "admin", Now.AddSeconds(1));

        Assert.True(replay.Succeeded);
        Assert.Null(replay.Change);
        Assert.Same(stored, replay.Standing);
    }

    [Fact]
    public void A_different_baseline_or_another_account_quoting_a_replaced_revision_is_still_refused_as_stale()
    {
        var input = Inputs.Scores(Inputs.WithTotal(Stars, 92));
        var first = StandingAssessment.None.Baseline(Stars, Inputs.Scores(Inputs.WithTotal(Stars, 75)), null, "admin", Now).Standing;
        var stored = first.Baseline(Stars, input, 1, "admin", Now).Standing;

        Assert.Equal(RefusalKind.PreconditionFailed, stored.Baseline(Stars, Inputs.Scores(Inputs.WithTotal(Stars, 80)), 1, "admin", Now).Refusal?.Kind);
        Assert.Equal(RefusalKind.PreconditionFailed, stored.Baseline(Stars, input, 1, "someone else", Now).Refusal?.Kind);
    }

    [Fact]
    public void After_a_campaign_final_a_baseline_assessment_can_no_longer_replace_the_official_rating()
    {
        var standing = RatedByCampaign(85);

        var refused = standing.Baseline(Stars, Inputs.Scores(Inputs.FullMarks(Stars)), standing.Revision, "someone", Now);

        Assert.Equal(RefusalKind.Conflict, refused.Refusal?.Kind);
        Assert.Contains("c1", refused.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Same(standing, refused.Standing);
    }

    [Fact]
    public void A_campaign_final_is_taken_once_however_often_it_is_delivered()
    {
        var standing = RatedByCampaign(85);

        var again = standing.ApplyCampaignFinal("c1", Official(95), "final", "campaign c1 final", Now);

        Assert.Same(standing, again.Standing);
        Assert.Null(again.Change);
        Assert.Equal(85m, standing.Current!.Total);
    }

    [Fact]
    public void A_veto_event_drops_the_rating_at_once_to_its_cap_keeps_the_points_and_is_audited()
    {
        var standing = RatedByCampaign(95);
        var cap = Stars.FindVeto("V1")!.Cap;

        var vetoed = standing.ApplyVeto(Stars, "V1", "某教师师德失范，经查属实", standing.Revision, "长沙市教育工委", Now);

        Assert.True(vetoed.Succeeded, vetoed.Refusal?.Detail);
        Assert.Equal(cap, vetoed.Standing.Current!.Rating);
        Assert.False(vetoed.Standing.Current.Compliant);
        Assert.Equal(95m, vetoed.Standing.Current.Total);
        var line = vetoed.Change!;
        Assert.Equal((RatingChangeSource.Veto, "c1", RatingLevel.Star5, cap), (line.Source, line.CampaignId, line.OldRating, line.NewRating));
        Assert.Contains("经查属实", line.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_veto_never_raises_a_rating_already_below_its_cap()
    {
        var standing = RatedByCampaign(50);

        var vetoed = standing.ApplyVeto(Stars, "V1", "事件", standing.Revision, "admin", Now);

        Assert.Equal(RatingLevel.Star1, vetoed.Standing.Current!.Rating);
    }

    [Theory]
    [InlineData(null, "admin", "理由", RefusalKind.PreconditionRequired)]
    [InlineData(0, "admin", "理由", RefusalKind.PreconditionFailed)]
    [InlineData(1, "", "理由", RefusalKind.Invalid)]
    [InlineData(1, "admin", " ", RefusalKind.Invalid)]
    [InlineData(1, "admin\u202E", "理由", RefusalKind.Invalid)]
    public void A_veto_needs_the_revision_read_an_actor_and_a_reason(int? revision, string actor, string reason, RefusalKind kind)
    {
        var standing = RatedByCampaign(95);

        var refused = standing.ApplyVeto(Stars, "V1", reason, revision, actor, Now);

        Assert.Equal(kind, refused.Refusal?.Kind);
        Assert.Same(standing, refused.Standing);
    }

    [Fact]
    public void A_correction_rescores_on_the_version_that_scored_the_rating_and_audits_every_indicator()
    {
        var standing = RatedByCampaign(85);
        var indicator = Stars.Scored().First().Id;
        var changes = new ScoreChanges(
            new Dictionary<string, decimal> { [indicator] = 0m },
            new Dictionary<string, string> { [indicator] = "复核发现支委会未按期换届" },
            null);

        var corrected = standing.Correct(Stars, changes, "复核更正", standing.Revision, "省委教育工委组织处", Now);

        Assert.True(corrected.Succeeded, corrected.Refusal?.Detail);
        var line = corrected.Change!;
        Assert.Equal(RatingChangeSource.Correction, line.Source);
        Assert.Equal(85m - Stars.Scored().First().Max, line.NewTotal);
        var changed = Assert.Single(line.Indicators);
        Assert.Equal((indicator, Stars.Scored().First().Max, 0m), (changed.Indicator, changed.Old, changed.New));
        Assert.Equal("c1", corrected.Standing.RatedByCampaign);
    }

    [Fact]
    public void A_correction_needs_a_reason_for_each_changed_indicator()
    {
        var standing = RatedByCampaign(85);
        var indicator = Stars.Scored().First().Id;
        var changes = new ScoreChanges(new Dictionary<string, decimal> { [indicator] = 0m }, new Dictionary<string, string>(), null);

        var refused = standing.Correct(Stars, changes, "复核更正", standing.Revision, "admin", Now);

        Assert.Equal(RefusalKind.Invalid, refused.Refusal?.Kind);
        Assert.Contains(refused.Refusal!.Errors, e => e.Field == $"reasons.{indicator}");
    }

    [Fact]
    public void A_correction_that_changes_nothing_is_refused()
    {
        var standing = RatedByCampaign(85);
        var indicator = Stars.Scored().First();
        var changes = new ScoreChanges(
            new Dictionary<string, decimal> { [indicator.Id] = indicator.Max },
            new Dictionary<string, string> { [indicator.Id] = "same" },
            null);

        Assert.Equal(RefusalKind.Invalid, standing.Correct(Stars, changes, "复核", standing.Revision, "admin", Now).Refusal?.Kind);
    }

    [Fact]
    public void Once_the_history_holds_two_pages_the_oldest_page_is_handed_out_for_archiving_and_nothing_is_lost()
    {
        var standing = StandingAssessment.None;
        var all = new List<RatingChange>();
        for (var i = 0; i < 3 * StandingAssessment.ArchivePageSize; i++)
        {
            var outcome = standing.Baseline(Stars, Inputs.Scores(Inputs.WithTotal(Stars, 60 + (i % 40))), i == 0 ? null : standing.Revision, "admin", Now);
            all.Add(outcome.Change!);
            standing = outcome.Standing;
            if (standing.NextArchivePage() is { } page)
            {
                Assert.Equal(standing.ArchivedPages, page.Page);
                Assert.Equal(all.Skip(page.Page * StandingAssessment.ArchivePageSize).Take(StandingAssessment.ArchivePageSize), page.Lines);
                standing = page.Kept;
            }

            Assert.True(standing.History.Count < 2 * StandingAssessment.ArchivePageSize);
        }

        Assert.Equal(2, standing.ArchivedPages);
        Assert.Equal(all.Skip(2 * StandingAssessment.ArchivePageSize), standing.History);
    }
}
