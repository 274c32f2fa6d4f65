using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;

namespace Platform.Domain.Tests.Campaigns;

public class OfficialRatingsTests
{
    // Four five-star candidates in one city with two five-star seats: two keep 5★, two drop to 4★.
    private static readonly QuotaCandidate[] Candidates =
    [
        new("b1", "430800", 98m, 30m, RatingLevel.Star5),
        new("b2", "430800", 96m, 30m, RatingLevel.Star5),
        new("b3", "430800", 94m, 30m, RatingLevel.Star5),
        new("b4", "430800", 92m, 30m, RatingLevel.Star5),
        new("c1", "430900", 91m, 30m, RatingLevel.Star5),
    ];

    private static readonly OfficialRatings Final = new(
        Candidates, new QuotaPolicy(NodeKind.City, [new RatingQuota(RatingLevel.Star5, 0.5m)]), new Dictionary<string, RatingLevel>());

    [Fact]
    public void The_official_levels_are_what_the_quotas_placed()
    {
        Assert.Equal([RatingLevel.Star5, RatingLevel.Star5, RatingLevel.Star4, RatingLevel.Star4],
            new[] { "b1", "b2", "b3", "b4" }.Select(b => Final.LevelOf(b)!.Value));
        Assert.Null(Final.LevelOf("unrated"));
    }

    [Fact]
    public void Raising_a_demoted_branch_into_a_full_level_is_refused_naming_the_seats()
    {
        var refusal = Final.Check("b3", RatingLevel.Star5);

        Assert.Equal(RefusalKind.Conflict, refusal?.Kind);
        Assert.Contains("2 seats", refusal!.Detail, StringComparison.Ordinal);
        Assert.Contains("430800", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seat_freed_by_a_veto_can_be_taken_by_a_correction()
    {
        var afterVeto = Final.Revise("b1", RatingLevel.Star2);

        Assert.Null(afterVeto.Check("b3", RatingLevel.Star5));
        Assert.NotNull(afterVeto.Revise("b3", RatingLevel.Star5).Check("b4", RatingLevel.Star5));
    }

    [Fact]
    public void Seats_are_counted_in_the_branchs_own_quota_region_and_uncapped_levels_are_free()
    {
        Assert.Null(Final.Check("b3", RatingLevel.Star4));
        Assert.Null(Final.Check("b1", RatingLevel.Star5));
        Assert.Equal(RefusalKind.NotFound, Final.Check("zz", RatingLevel.Star3)?.Kind);
    }
}
