using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

/// <summary>The draw's promises, checked on random campaigns: many seeds, city sizes, policies and reviewer lists.</summary>
public class CrossCheckDrawPropertyTests
{
    private const int Cases = 200;

    private static readonly decimal[] Rates = [0m, 0.05m, 0.1m, 0.1m, 0.2m, 0.3333m, 0.5m, 1m];

    private sealed record Scenario(long Seed, CrossCheckCandidate[] Candidates, string[] Reviewers, CrossCheckPolicy Policy)
    {
        public CrossCheckDrawResult Draw() => CrossCheckDraw.Draw(Seed, Candidates, Reviewers, Policy);

        public Dictionary<string, int> Sampled => Candidates
            .GroupBy(c => c.CityCode)
            .ToDictionary(g => g.Key, g => CrossCheckDraw.SampleSize(g.Count(), Policy));

        public string[] DistinctReviewers => Reviewers.Distinct().ToArray();
    }

    /// <summary>Cities C0…, each with up to <paramref name="maxPerCity"/> branches under random codes; reviewers are a random
    /// choice of those cities, sometimes repeated, sometimes with a city that has no branches of its own.</summary>
    private static Scenario RandomScenario(Random rng, int maxCities, int maxPerCity)
    {
        var cities = Enumerable.Range(0, rng.Next(1, maxCities + 1)).Select(i => $"C{i}").ToArray();
        var codes = new HashSet<string>();
        var candidates = new List<CrossCheckCandidate>();
        foreach (var city in cities)
        {
            for (var n = rng.Next(0, maxPerCity + 1); n > 0;)
            {
                if (codes.Add($"{rng.Next(1_000_000):D6}"))
                {
                    candidates.Add(new(codes.Last(), city));
                    n--;
                }
            }
        }

        var reviewers = cities.Where(_ => rng.NextDouble() < 0.75).ToList();
        if (rng.NextDouble() < 0.25)
        {
            reviewers.Add("Outside");
        }

        if (reviewers.Count > 0 && rng.NextDouble() < 0.2)
        {
            reviewers.Add(reviewers[rng.Next(reviewers.Count)]);
        }

        var policy = new CrossCheckPolicy(Rates[rng.Next(Rates.Length)], rng.Next(0, 4), rng.NextDouble() < 0.5);
        return new(rng.NextInt64(), [.. candidates], [.. reviewers], policy);
    }

    private static IEnumerable<Scenario> RandomScenarios(int seed, int maxCities = 8, int maxPerCity = 40)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, Cases).Select(_ => RandomScenario(rng, maxCities, maxPerCity)).ToList();
    }

    private static int[] Loads(CrossCheckDrawResult result, IEnumerable<string> reviewers) =>
        reviewers.Select(r => result.Assignments.Count(a => a.ReviewerCity == r)).ToArray();

    [Fact]
    public void Random_scenarios_cover_successes_failures_and_forced_imbalance()
    {
        var scenarios = RandomScenarios(100);
        var results = scenarios.Select(s => s.Draw()).ToList();

        Assert.InRange(results.Count(r => r.Succeeded && r.Assignments.Count > 0), 100, Cases);
        Assert.InRange(results.Count(r => !r.Succeeded), 5, 60);
        Assert.Contains(scenarios.Zip(results), p =>
            p.Second.Succeeded && Loads(p.Second, p.First.DistinctReviewers) is { Length: > 0 } loads && loads.Max() - loads.Min() > 1);
    }

    [Fact]
    public void The_same_seed_and_inputs_give_the_same_draw()
    {
        foreach (var scenario in RandomScenarios(101))
        {
            Assert.Equal(scenario.Draw(), scenario.Draw(), DrawComparer.Instance);
        }
    }

    [Fact]
    public void The_order_of_candidates_and_reviewer_cities_does_not_change_the_draw()
    {
        var rng = new Random(102);
        foreach (var scenario in RandomScenarios(103))
        {
            var shuffled = scenario with
            {
                Candidates = [.. scenario.Candidates.OrderBy(_ => rng.Next())],
                Reviewers = [.. scenario.Reviewers.OrderBy(_ => rng.Next())],
            };

            Assert.Equal(scenario.Draw(), shuffled.Draw(), DrawComparer.Instance);
        }
    }

    [Fact]
    public void No_branch_is_checked_by_its_own_city_or_by_a_city_not_listed()
    {
        foreach (var scenario in RandomScenarios(104))
        {
            foreach (var assignment in scenario.Draw().Assignments)
            {
                Assert.NotEqual(assignment.CityCode, assignment.ReviewerCity);
                Assert.Contains(assignment.ReviewerCity, scenario.Reviewers);
            }
        }
    }

    [Fact]
    public void Each_city_has_exactly_its_configured_sample_of_its_own_distinct_candidates()
    {
        foreach (var scenario in RandomScenarios(105))
        {
            var result = scenario.Draw();
            if (!result.Succeeded)
            {
                continue;
            }

            var cityOf = scenario.Candidates.ToDictionary(c => c.BranchCode, c => c.CityCode);
            Assert.All(result.Assignments, a => Assert.Equal(cityOf[a.BranchCode], a.CityCode));
            Assert.Equal(result.Assignments.Count, result.Assignments.Select(a => a.BranchCode).Distinct().Count());
            foreach (var (city, size) in scenario.Sampled)
            {
                Assert.Equal(size, result.Assignments.Count(a => a.CityCode == city));
            }
        }
    }

    [Fact]
    public void The_draw_fails_exactly_when_no_city_but_their_own_could_check_sampled_branches()
    {
        foreach (var scenario in RandomScenarios(106))
        {
            var result = scenario.Draw();
            var possible = LoadOptimum.ByFlow(scenario.Sampled, scenario.DistinctReviewers) is not null;

            Assert.Equal(possible, result.Succeeded);
            if (!possible)
            {
                Assert.Equal("crossCheck", Assert.Single(result.Errors).Field);
            }
        }
    }

    /// <summary>Against every possible assignment of a handful of branches: the draw's maximum is the least any assignment
    /// reaches, its minimum the greatest, and so its spread the least.</summary>
    [Fact]
    public void Loads_are_as_even_as_any_assignment_could_make_them_checked_by_brute_force()
    {
        var rng = new Random(107);
        var checkedCases = 0;
        while (checkedCases < Cases)
        {
            var scenario = RandomScenario(rng, maxCities: 4, maxPerCity: 5);
            if (scenario.Sampled.Values.Sum() is 0 or > 8)
            {
                continue;
            }

            checkedCases++;
            var result = scenario.Draw();
            var best = LoadOptimum.BruteForce(scenario.Sampled, scenario.DistinctReviewers);
            Assert.Equal(best is not null, result.Succeeded);
            if (best is { } optimum)
            {
                var loads = Loads(result, scenario.DistinctReviewers);
                Assert.Equal(optimum.Max, loads.Max());
                Assert.Equal(optimum.Min, loads.Min());
                Assert.Equal(optimum.Spread, loads.Max() - loads.Min());
            }
        }
    }

    /// <summary>The same guarantee at campaign sizes, against a max-flow computation of the best reachable maximum and minimum.</summary>
    [Fact]
    public void Loads_are_as_even_as_any_assignment_could_make_them_checked_by_max_flow()
    {
        foreach (var scenario in RandomScenarios(108))
        {
            var result = scenario.Draw();
            if (!result.Succeeded || result.Assignments.Count == 0)
            {
                continue;
            }

            var optimum = LoadOptimum.ByFlow(scenario.Sampled, scenario.DistinctReviewers)!.Value;
            var loads = Loads(result, scenario.DistinctReviewers);
            Assert.Equal(optimum.Max, loads.Max());
            Assert.Equal(optimum.Min, loads.Min());
        }
    }

    [Fact]
    public void Load_differs_by_at_most_one_whenever_no_city_supplies_too_much_of_the_sample()
    {
        foreach (var scenario in RandomScenarios(109))
        {
            var result = scenario.Draw();
            var reviewers = scenario.DistinctReviewers;
            var total = result.Assignments.Count;
            if (!result.Succeeded || total == 0)
            {
                continue;
            }

            // Every reviewer city can take ⌈total / reviewers⌉ without being handed its own branches.
            var even = (total + reviewers.Length - 1) / reviewers.Length;
            if (reviewers.All(r => total - scenario.Sampled.GetValueOrDefault(r) >= even))
            {
                var loads = Loads(result, reviewers);
                Assert.InRange(loads.Max() - loads.Min(), 0, 1);
            }
        }
    }

    [Fact]
    public void Different_seeds_almost_always_draw_different_samples()
    {
        var rng = new Random(110);
        var different = 0;
        for (var i = 0; i < Cases; i++)
        {
            var scenario = RandomScenario(rng, maxCities: 6, maxPerCity: 40) with { Policy = CrossCheckPolicy.Default };
            if (scenario.Sampled.Values.Sum() < 3 || scenario.DistinctReviewers.Length < 2)
            {
                i--;
                continue;
            }

            var sample = scenario.Draw().Assignments.Select(a => a.BranchCode).ToHashSet();
            var other = (scenario with { Seed = scenario.Seed + 1 }).Draw().Assignments.Select(a => a.BranchCode).ToHashSet();
            different += sample.SetEquals(other) ? 0 : 1;
        }

        Assert.True(different >= Cases * 9 / 10, $"only {different} of {Cases} seed pairs drew different samples");
    }

    /// <summary>Results hold lists, which records compare by reference; a draw is the same when its contents are.</summary>
    private sealed class DrawComparer : IEqualityComparer<CrossCheckDrawResult>
    {
        public static readonly DrawComparer Instance = new();

        public bool Equals(CrossCheckDrawResult? x, CrossCheckDrawResult? y) =>
            x is not null && y is not null && x.Assignments.SequenceEqual(y.Assignments) && x.Errors.SequenceEqual(y.Errors);

        public int GetHashCode(CrossCheckDrawResult obj) => obj.Assignments.Count;
    }
}
