using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using static Platform.Domain.Tests.Campaigns.EntryScript;

namespace Platform.Domain.Tests.Campaigns;

/// <summary>Final (认定): the result becomes official where the quotas placed it, every quota demotion is audited, and
/// nothing is made official from a result the quotas did not see.</summary>
public class CampaignEntryFinaliseTests
{
    /// <summary>Self-assessed at 90 (5★), in publicity, with final running.</summary>
    private static EntryScript Finalising()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Publicity;
        script.Finalising = true;
        return script;
    }

    [Fact]
    public void A_quota_demotion_leaves_an_audit_line_with_the_ratings_the_rank_and_the_seats()
    {
        var script = Finalising();
        var demotion = new QuotaDemotion(RatingLevel.Star5, RatingLevel.Star4, "430800", Rank: 35, Seats: 34);

        script.DoFinalise(script.Placed(RatingLevel.Star4, demotion), actor: "省委教育工委");

        var line = script.Entry.Audit[^1];
        Assert.Equal(ScoreAuditRecord.RatingKey, line.Indicator);
        Assert.Equal((RatingLevel.Star5, RatingLevel.Star4), (line.OldRating!.Value, line.NewRating!.Value));
        Assert.Equal((CampaignStage.Final, "省委教育工委"), (line.Stage, line.Actor));
        Assert.Contains("rank 35 of 34 五星 seats in 430800", line.Reason);
        Assert.Equal((RatingLevel.Star4, RatingLevel.Star5), (script.Entry.Final!.Rating!.Value, script.Entry.Final.Earned!.Value));
        Assert.Equal(RatingLevel.Star4, script.Entry.Official!.Rating);
    }

    [Fact]
    public void A_branch_squeezed_down_two_levels_has_a_line_for_each_step()
    {
        var script = Finalising();

        script.DoFinalise(script.Placed(RatingLevel.Star3,
            new QuotaDemotion(RatingLevel.Star5, RatingLevel.Star4, CampaignRoster.ScopeRoot, 4, 3),
            new QuotaDemotion(RatingLevel.Star4, RatingLevel.Star3, CampaignRoster.ScopeRoot, 9, 8)));

        var lines = script.Entry.Audit.Where(l => l.Indicator == ScoreAuditRecord.RatingKey).ToList();
        Assert.Equal([(RatingLevel.Star5, RatingLevel.Star4), (RatingLevel.Star4, RatingLevel.Star3)],
            lines.Select(l => (l.OldRating!.Value, l.NewRating!.Value)));
        Assert.All(lines, l => Assert.DoesNotContain(CampaignRoster.ScopeRoot, l.Reason));
        Assert.Contains("the campaign's scope", lines[0].Reason);
    }

    [Fact]
    public void A_branch_that_keeps_what_it_earned_gets_no_rating_line()
    {
        var script = Finalising();
        var lines = script.Entry.Audit.Count;

        script.DoFinalise(script.Kept());

        Assert.Equal(lines, script.Entry.Audit.Count);
        Assert.True(script.Entry.Final!.Compliant);
    }

    [Fact]
    public void Compliance_follows_the_official_rating_not_the_earned_one()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Publicity;
        script.Finalising = true;

        script.DoFinalise(script.Placed(RatingLevel.Star1));

        Assert.False(script.Entry.Final!.Compliant);
        Assert.False(script.Entry.Official!.Compliant);
    }

    [Fact]
    public void A_placement_for_another_result_than_the_standing_one_is_refused()
    {
        var script = Finalising();
        var stale = script.Placed(RatingLevel.Star5) with { Total = 95m };

        script.AssertRefused(script.TryFinalise(stale), RefusalKind.Conflict);
        script.AssertRefused(script.TryFinalise(null), RefusalKind.Conflict);
        script.AssertRefused(script.TryFinalise(script.Placed(RatingLevel.Star4) with { Earned = RatingLevel.Star4 }), RefusalKind.Conflict);
    }

    [Fact]
    public void A_branch_with_no_result_is_finalised_without_a_rating()
    {
        var script = new EntryScript { Stage = CampaignStage.Publicity, Finalising = true };

        script.DoFinalise(null);

        Assert.Null(script.Entry.Final!.Rating);
        Assert.Null(script.Entry.Official);
    }

    [Fact]
    public void Final_waits_for_finalisation_and_for_an_open_appeal()
    {
        var script = new EntryScript().DoSelfAssess(Ninety());
        script.Stage = CampaignStage.Publicity;
        script.AssertRefused(script.TryFinalise(script.Kept()), RefusalKind.Conflict);

        script.Do((e, c) => e.RaiseAppeal(new AppealRequest(["2.1"], "会议记录已补齐"), c), Secretary);
        script.Finalising = true;
        script.AssertRefused(script.TryFinalise(script.Kept()), RefusalKind.Conflict);
    }

    [Fact]
    public void Finalising_again_changes_nothing()
    {
        var script = Finalising();
        script.DoFinalise(script.Kept());
        var once = script.Entry;

        var again = script.TryFinalise(script.Placed(RatingLevel.Star1));

        Assert.True(again.Succeeded);
        Assert.Same(once, again.Entry);
    }

    [Fact]
    public void A_final_result_is_settled_against_late_draws_and_send_backs()
    {
        var script = Finalising();
        script.DoFinalise(script.Kept());
        var settled = script.Entry;

        Assert.Same(settled, settled.MarkSampled(ReviewerCity));
        Assert.Same(settled, settled.SendBack("9430102001-02", script.Now));
    }

    [Fact]
    public void Marking_a_branch_sampled_twice_changes_it_once()
    {
        var script = new EntryScript().DoSelfAssess(Ninety()).DoMarkSampled();
        var once = script.Entry;

        Assert.Same(once, once.MarkSampled("430300"));
        Assert.Equal(ReviewerCity, once.CrossCheck!.ReviewerCity);
        Assert.Equal(1, once.Tally().Sampled);
    }
}
