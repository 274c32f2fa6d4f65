using Platform.Domain.Campaigns;
using Platform.Domain.Framework;

namespace Platform.Domain.Tests.Campaigns;

/// <summary>The quota rules checked on random campaigns, with totals drawn from a narrow range so that ties are common.</summary>
public class RatingQuotasPropertyTests
{
    private const int Cases = 200;

    private static readonly decimal[] Shares = [0m, 0.05m, 0.1m, 0.25m, 0.3m, 0.4m, 0.5m, 1m];

    private sealed record Scenario(QuotaCandidate[] Candidates, RatingQuota[] Quotas)
    {
        public IReadOnlyDictionary<string, RatingLevel> Apply() => RatingQuotas.Apply(Candidates, Quotas).ToDictionary(p => p.Key, p => p.Value.Final);

        public int Seats(RatingLevel level, string region) =>
            Quotas.FirstOrDefault(q => q.Level == level) is { } quota && level != RatingLevels.Lowest(level.Scheme())
                ? (int)decimal.Floor(quota.MaxShare * Candidates.Count(c => c.QuotaRegion == region))
                : int.MaxValue;
    }

    private static Scenario RandomScenario(Random rng)
    {
        var scheme = rng.Next(2) == 0 ? RatingScheme.Stars : RatingScheme.Grades;
        var levels = RatingLevels.Of(scheme);
        var candidates = new List<QuotaCandidate>();
        foreach (var region in Enumerable.Range(0, rng.Next(1, 5)).Select(r => $"R{r}"))
        {
            for (var i = rng.Next(0, 31); i > 0; i--)
            {
                candidates.Add(new($"{region}-{candidates.Count:D3}", region, rng.Next(80, 90), rng.Next(0, 3), levels[rng.Next(levels.Count)]));
            }
        }

        // Usually quotas on this scheme's capped levels, sometimes a harmless one on its lowest level.
        var quotas = levels.Where(_ => rng.NextDouble() < 0.6).Select(l => new RatingQuota(l, Shares[rng.Next(Shares.Length)])).ToArray();
        return new([.. candidates], quotas);
    }

    private static IEnumerable<Scenario> RandomScenarios(int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, Cases).Select(_ => RandomScenario(rng)).ToList();
    }

    /// <summary>The documented order, written out again here: higher total, higher tie-break, lower code.</summary>
    private static bool RanksAbove(QuotaCandidate a, QuotaCandidate b) =>
        a.Total != b.Total ? a.Total > b.Total
        : a.TieBreak != b.TieBreak ? a.TieBreak > b.TieBreak
        : string.CompareOrdinal(a.BranchCode, b.BranchCode) < 0;

    [Fact]
    public void Random_scenarios_do_demote_branches()
    {
        var demoted = RandomScenarios(200).Sum(s => s.Apply().Count(p => p.Value != s.Candidates.Single(c => c.BranchCode == p.Key).Earned));

        Assert.True(demoted > 500, $"only {demoted} demotions: the generator is too gentle for the properties to mean anything");
    }

    [Fact]
    public void Every_candidate_gets_exactly_one_final_level()
    {
        foreach (var scenario in RandomScenarios(201))
        {
            Assert.Equal(scenario.Candidates.Select(c => c.BranchCode).Order(StringComparer.Ordinal), scenario.Apply().Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void No_region_holds_more_of_a_level_than_its_quota_allows()
    {
        foreach (var scenario in RandomScenarios(202))
        {
            var final = scenario.Apply();
            foreach (var region in scenario.Candidates.GroupBy(c => c.QuotaRegion))
            {
                foreach (var level in RatingLevels.All)
                {
                    Assert.True(region.Count(c => final[c.BranchCode] == level) <= scenario.Seats(level, region.Key), $"{region.Key} over its {level} quota");
                }
            }
        }
    }

    [Fact]
    public void Nobody_is_raised_or_moved_to_the_other_scheme()
    {
        foreach (var scenario in RandomScenarios(203))
        {
            var final = scenario.Apply();
            foreach (var candidate in scenario.Candidates)
            {
                Assert.Equal(candidate.Earned.Scheme(), final[candidate.BranchCode].Scheme());
                Assert.True(final[candidate.BranchCode].Rank() <= candidate.Earned.Rank(), $"{candidate.BranchCode} was raised");
            }
        }
    }

    /// <summary>A branch that ends below what it earned was pushed out of every level in between: each of those levels is full,
    /// and full of branches that rank above it.</summary>
    [Fact]
    public void A_branch_is_demoted_only_through_levels_full_of_better_ranked_branches()
    {
        foreach (var scenario in RandomScenarios(204))
        {
            var final = scenario.Apply();
            foreach (var candidate in scenario.Candidates.Where(c => final[c.BranchCode] != c.Earned))
            {
                var levels = RatingLevels.Of(candidate.Earned.Scheme());
                for (var rank = final[candidate.BranchCode].Rank() + 1; rank <= candidate.Earned.Rank(); rank++)
                {
                    var holders = scenario.Candidates.Where(c => c.QuotaRegion == candidate.QuotaRegion && final[c.BranchCode] == levels[rank]).ToList();
                    Assert.Equal(scenario.Seats(levels[rank], candidate.QuotaRegion), holders.Count);
                    Assert.All(holders, holder => Assert.True(RanksAbove(holder, candidate), $"{holder.BranchCode} holds {levels[rank]} over {candidate.BranchCode}"));
                }
            }
        }
    }

    [Fact]
    public void Input_order_does_not_change_the_outcome()
    {
        var rng = new Random(205);
        foreach (var scenario in RandomScenarios(206))
        {
            var shuffled = scenario with
            {
                Candidates = [.. scenario.Candidates.OrderBy(_ => rng.Next())],
                Quotas = [.. scenario.Quotas.OrderBy(_ => rng.Next())],
            };

            Assert.Equal(scenario.Apply().OrderBy(p => p.Key, StringComparer.Ordinal), shuffled.Apply().OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_region_settles_the_same_alone_as_beside_other_regions()
    {
        foreach (var scenario in RandomScenarios(207))
        {
            var together = scenario.Apply();
            foreach (var region in scenario.Candidates.GroupBy(c => c.QuotaRegion))
            {
                var alone = RatingQuotas.Apply(region, scenario.Quotas);
                Assert.All(alone, p => Assert.Equal(p.Value.Final, together[p.Key]));
            }
        }
    }

    [Fact]
    public void Each_demotion_steps_one_level_down_from_the_earned_level_to_the_final_one_from_beyond_the_seats()
    {
        foreach (var scenario in RandomScenarios(208))
        {
            foreach (var (code, placement) in RatingQuotas.Apply(scenario.Candidates, scenario.Quotas))
            {
                var region = scenario.Candidates.Single(c => c.BranchCode == code).QuotaRegion;
                var level = placement.Earned;
                foreach (var step in placement.Demotions)
                {
                    Assert.Equal(level, step.From);
                    Assert.Equal(step.From.Rank() - 1, step.To.Rank());
                    Assert.Equal(scenario.Seats(step.From, region), step.Seats);
                    Assert.True(step.Rank > step.Seats, $"{code} ranked {step.Rank} of {step.Seats} seats and was still demoted");
                    level = step.To;
                }

                Assert.Equal(placement.Final, level);
            }
        }
    }
}
