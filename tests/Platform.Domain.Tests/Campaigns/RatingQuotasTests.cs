using Platform.Domain.Campaigns;
using Platform.Domain.Framework;

namespace Platform.Domain.Tests.Campaigns;

public class RatingQuotasTests
{
    private static QuotaCandidate Branch(string code, decimal total, RatingLevel earned, decimal tieBreak = 0m, string region = "R") =>
        new(code, region, total, tieBreak, earned);

    /// <summary>Ten branches B01…B10 of region R with totals 100, 99, … 91, all earning <paramref name="earned"/>.</summary>
    private static QuotaCandidate[] Ten(RatingLevel earned, string region = "R", string prefix = "B") =>
        Enumerable.Range(1, 10).Select(i => Branch($"{prefix}{i:D2}", 101 - i, earned, region: region)).ToArray();

    private static IReadOnlyDictionary<string, RatingLevel> Levels(IEnumerable<QuotaCandidate> candidates, IReadOnlyList<RatingQuota> quotas) =>
        RatingQuotas.Apply(candidates, quotas).ToDictionary(p => p.Key, p => p.Value.Final);

    private static string[] Holding(IReadOnlyDictionary<string, RatingLevel> final, RatingLevel level) =>
        final.Where(p => p.Value == level).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Five_stars_capped_at_30_percent_of_10_branches_leaves_the_best_3()
    {
        var final = Levels(Ten(RatingLevel.Star5), [new(RatingLevel.Star5, 0.3m)]);

        Assert.Equal(["B01", "B02", "B03"], Holding(final, RatingLevel.Star5));
        Assert.Equal(7, Holding(final, RatingLevel.Star4).Length);
    }

    [Fact]
    public void Seats_count_every_rated_branch_of_the_region_not_only_those_holding_the_level()
    {
        QuotaCandidate[] candidates = [.. Ten(RatingLevel.Star3).Skip(2), Branch("T1", 50, RatingLevel.Star5), Branch("T2", 40, RatingLevel.Star5)];

        var final = Levels(candidates, [new(RatingLevel.Star5, 0.3m)]);

        Assert.Equal(["T1", "T2"], Holding(final, RatingLevel.Star5));
    }

    [Fact]
    public void Branches_squeezed_out_cascade_down_through_each_capped_level()
    {
        RatingQuota[] quotas = [new(RatingLevel.Star5, 0.1m), new(RatingLevel.Star4, 0.4m), new(RatingLevel.Star3, 0.3m)];

        var final = Levels(Ten(RatingLevel.Star5), quotas);

        Assert.Equal(["B01"], Holding(final, RatingLevel.Star5));
        Assert.Equal(["B02", "B03", "B04", "B05"], Holding(final, RatingLevel.Star4));
        Assert.Equal(["B06", "B07", "B08"], Holding(final, RatingLevel.Star3));
        Assert.Equal(["B09", "B10"], Holding(final, RatingLevel.Star2));
    }

    [Fact]
    public void A_branch_squeezed_out_of_a_level_outranks_those_who_earned_the_level_below()
    {
        QuotaCandidate[] candidates =
        [
            Branch("A", 95, RatingLevel.Star5),
            Branch("B", 90, RatingLevel.Star5),
            Branch("C", 85, RatingLevel.Star4),
            .. Enumerable.Range(1, 7).Select(i => Branch($"L{i}", 60, RatingLevel.Star2)),
        ];

        var final = Levels(candidates, [new(RatingLevel.Star5, 0.1m), new(RatingLevel.Star4, 0.1m)]);

        Assert.Equal(RatingLevel.Star5, final["A"]);
        Assert.Equal(RatingLevel.Star4, final["B"]);
        Assert.Equal(RatingLevel.Star3, final["C"]);
    }

    [Fact]
    public void Equal_totals_go_to_the_higher_tie_break_then_the_lower_branch_code()
    {
        QuotaCandidate[] candidates =
        [
            Branch("Z", 90, RatingLevel.Excellent, tieBreak: 28),
            Branch("Y", 90, RatingLevel.Excellent, tieBreak: 27),
            Branch("X", 90, RatingLevel.Excellent, tieBreak: 27),
            Branch("W", 89, RatingLevel.Excellent, tieBreak: 30),
            .. Enumerable.Range(1, 6).Select(i => Branch($"Q{i}", 70, RatingLevel.Qualified)),
        ];

        var final = Levels(candidates, [new(RatingLevel.Excellent, 0.2m)]);

        Assert.Equal(["X", "Z"], Holding(final, RatingLevel.Excellent));
        Assert.Equal(RatingLevel.Qualified, final["Y"]);
        Assert.Equal(RatingLevel.Qualified, final["W"]);
    }

    [Fact]
    public void Each_quota_region_has_its_own_seats()
    {
        QuotaCandidate[] candidates =
        [
            .. Ten(RatingLevel.Star5, region: "Strong", prefix: "S"),
            Branch("W1", 70, RatingLevel.Star5, region: "Weak"),
            Branch("W2", 65, RatingLevel.Star5, region: "Weak"),
            Branch("W3", 60, RatingLevel.Star5, region: "Weak"),
            Branch("W4", 55, RatingLevel.Star2, region: "Weak"),
        ];

        var final = Levels(candidates, [new(RatingLevel.Star5, 0.3m)]);

        // The weak region's best keeps its one seat although every strong branch scores higher; 30% of 4 is 1.
        Assert.Equal(["S01", "S02", "S03", "W1"], Holding(final, RatingLevel.Star5));
    }

    [Fact]
    public void Levels_without_a_quota_and_the_lowest_level_are_never_capped()
    {
        var final = Levels(Ten(RatingLevel.Star4), [new(RatingLevel.Star5, 0m), new(RatingLevel.Star1, 0m)]);

        Assert.Equal(10, Holding(final, RatingLevel.Star4).Length);
        Assert.Equal(10, Holding(Levels(Ten(RatingLevel.Star1), [new(RatingLevel.Star1, 0m)]), RatingLevel.Star1).Length);
    }

    [Fact]
    public void A_share_of_zero_empties_the_level_into_the_one_below()
    {
        var final = Levels(Ten(RatingLevel.Model), [new(RatingLevel.Model, 0m)]);

        Assert.All(final.Values, level => Assert.Equal(RatingLevel.Excellent, level));
    }

    [Fact]
    public void Nobody_is_raised_into_seats_left_free_above()
    {
        var final = Levels([Branch("A", 99, RatingLevel.Star2), Branch("B", 50, RatingLevel.Star1)], [new(RatingLevel.Star5, 1m), new(RatingLevel.Star3, 1m)]);

        Assert.Equal(RatingLevel.Star2, final["A"]);
        Assert.Equal(RatingLevel.Star1, final["B"]);
    }

    [Fact]
    public void Quotas_of_the_other_scheme_leave_a_branch_alone()
    {
        var final = Levels(Ten(RatingLevel.Star5), [new(RatingLevel.Model, 0m)]);

        Assert.All(final.Values, level => Assert.Equal(RatingLevel.Star5, level));
    }

    [Fact]
    public void No_candidates_give_no_ratings() => Assert.Empty(Levels([], [new(RatingLevel.Star5, 0.1m)]));

    [Fact]
    public void A_branch_listed_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => Levels([Branch("A", 90, RatingLevel.Star5), Branch("A", 80, RatingLevel.Star4, region: "S")], []));

    [Fact]
    public void A_level_with_two_quotas_is_refused() =>
        Assert.Throws<ArgumentException>(() => Levels(Ten(RatingLevel.Star5), [new(RatingLevel.Star5, 0.1m), new(RatingLevel.Star5, 0.5m)]));

    [Fact]
    public void A_demotion_reports_the_rank_among_the_holders_and_the_seats_of_the_level_it_left()
    {
        var placements = RatingQuotas.Apply(Ten(RatingLevel.Star5), [new(RatingLevel.Star5, 0.3m)]);

        Assert.Empty(placements["B03"].Demotions);
        Assert.Equal(new QuotaDemotion(RatingLevel.Star5, RatingLevel.Star4, "R", Rank: 4, Seats: 3), Assert.Single(placements["B04"].Demotions));
        Assert.Equal(new QuotaDemotion(RatingLevel.Star5, RatingLevel.Star4, "R", Rank: 10, Seats: 3), Assert.Single(placements["B10"].Demotions));
        Assert.Equal((RatingLevel.Star5, RatingLevel.Star4, 91m), (placements["B10"].Earned, placements["B10"].Final, placements["B10"].Total));
    }

    [Fact]
    public void A_branch_squeezed_through_two_levels_reports_each_step()
    {
        var placements = RatingQuotas.Apply(Ten(RatingLevel.Star5), [new(RatingLevel.Star5, 0.1m), new(RatingLevel.Star4, 0.4m)]);

        Assert.Equal(
            [
                new QuotaDemotion(RatingLevel.Star5, RatingLevel.Star4, "R", Rank: 6, Seats: 1),
                new QuotaDemotion(RatingLevel.Star4, RatingLevel.Star3, "R", Rank: 5, Seats: 4),
            ],
            placements["B06"].Demotions);
        Assert.Equal(RatingLevel.Star3, placements["B06"].Final);
    }
}
