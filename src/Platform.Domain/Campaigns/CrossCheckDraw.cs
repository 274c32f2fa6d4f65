using System.Diagnostics;
using Platform.Domain.Hierarchy;

namespace Platform.Domain.Campaigns;

/// <summary>
/// The cross-region check (交叉检查): which branches of each city are re-examined, and which other city examines each.
/// <para>
/// Sampling is per city: a city with n candidates has <see cref="SampleSize"/>(n) of them drawn, every subset of that size
/// equally likely. The whole draw is a function of the seed and of the sets given, not of their order (everything is sorted by
/// ordinal code first), and it uses <see cref="SplitMix64"/> rather than <see cref="Random"/>, so a published draw can be
/// replayed and audited later. Each city samples from its own stream of the seed, so its sample does not move when another
/// city's candidates change.
/// </para>
/// <para>
/// Balance. A reviewer city's load is the number of sampled branches it is given; every listed reviewer city counts, even one
/// given none. Among all assignments that send each sampled branch to a listed reviewer city other than its own, the loads
/// produced have the least achievable maximum and, at the same time, the greatest achievable minimum. Hence max − min is the
/// least achievable too; in particular it is at most 1 whenever any assignment gets it to 1 or less. Only a reviewer city that
/// supplies most of the sample can force a wider spread: with N branches sampled, s of them its own, it can be given at most
/// N − s, so it checks everyone else's and the other reviewer cities share its own.
/// </para>
/// </summary>
public static class CrossCheckDraw
{
    /// <summary>The field draw errors are reported against.</summary>
    public const string Field = "crossCheck";

    /// <summary>How many of a city's <paramref name="candidates"/> are drawn: none when there are none or the rate is 0, else the
    /// rate rounded up but at least the policy's minimum, and never more than there are.</summary>
    public static int SampleSize(int candidates, CrossCheckPolicy policy)
    {
        if (candidates <= 0 || policy.SampleRate <= 0m)
        {
            return 0;
        }

        var proportional = decimal.Ceiling(Math.Min(policy.SampleRate, 1m) * candidates);
        return (int)Math.Min(candidates, Math.Max(policy.MinimumPerCity, proportional));
    }

    /// <summary>Draws the sample and assigns each sampled branch a reviewer city. Fails, with errors under <see cref="Field"/>,
    /// on an invalid policy, a blank or repeated branch code, a blank city code, or a sampled branch that no listed reviewer
    /// city but its own could check.</summary>
    public static CrossCheckDrawResult Draw(
        long seed,
        IReadOnlyList<CrossCheckCandidate> candidates,
        IReadOnlyList<string> reviewerCities,
        CrossCheckPolicy policy)
    {
        var errors = new List<FieldError>(policy.Validate(Field));
        errors.AddRange(InputErrors(candidates, reviewerCities));
        if (errors.Count > 0)
        {
            return new([], errors);
        }

        var reviewers = reviewerCities.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var sampled = Sample(seed, candidates, policy);
        var total = sampled.Values.Sum(s => s.Count);
        if (total == 0)
        {
            return new([], []);
        }

        var assignRandom = SplitMix64.For(seed, "assign");
        if (TargetLoads(assignRandom, sampled, reviewers, total) is not { } loads)
        {
            return new([], [TooFewReviewerCities(sampled, reviewers)]);
        }

        return new(Assign(assignRandom, sampled, loads, total), []);
    }

    private static List<FieldError> InputErrors(IReadOnlyList<CrossCheckCandidate> candidates, IReadOnlyList<string> reviewerCities)
    {
        var errors = new List<FieldError>();
        var branches = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (string.IsNullOrWhiteSpace(candidate.BranchCode))
            {
                errors.Add(new($"{Field}.candidates[{i}].branchCode", "is required"));
            }
            else if (!branches.Add(candidate.BranchCode))
            {
                // The same branch twice would either be drawn twice or, under two cities, have no well-defined own city.
                errors.Add(new($"{Field}.candidates[{i}].branchCode", $"'{candidate.BranchCode}' is listed twice"));
            }

            if (string.IsNullOrWhiteSpace(candidate.CityCode))
            {
                errors.Add(new($"{Field}.candidates[{i}].cityCode", "is required"));
            }
        }

        for (var i = 0; i < reviewerCities.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(reviewerCities[i]))
            {
                errors.Add(new($"{Field}.reviewerCities[{i}]", "is required"));
            }
        }

        return errors;
    }

    /// <summary>Each city's sampled branches, in the order they were drawn.</summary>
    private static Dictionary<string, Queue<string>> Sample(long seed, IReadOnlyList<CrossCheckCandidate> candidates, CrossCheckPolicy policy)
    {
        var sampled = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        foreach (var city in candidates.GroupBy(c => c.CityCode, StringComparer.Ordinal))
        {
            var branches = city.Select(c => c.BranchCode).Order(StringComparer.Ordinal).ToList();
            var size = SampleSize(branches.Count, policy);
            if (size > 0)
            {
                SplitMix64.For(seed, "sample:" + city.Key).ShuffleFront(branches, size);
                sampled[city.Key] = new Queue<string>(branches.Take(size));
            }
        }

        return sampled;
    }

    /// <summary>
    /// How many branches each reviewer city should get, or null when no assignment exists. A reviewer city can take any
    /// branch but its own, so it can be given at most <c>total − own</c>; and since a branch can go to every reviewer city but
    /// one, those caps are the only limits (Hall's condition fails for no other set of reviewers). Filling every city up to
    /// the lowest common level the total allows, capped cities stopping at their cap, is then the most even split there is:
    /// the least maximum and the greatest minimum at once. The few reviewer cities that get one more than the rest are drawn.
    /// </summary>
    private static Dictionary<string, int>? TargetLoads(SplitMix64 random, Dictionary<string, Queue<string>> sampled, string[] reviewers, int total)
    {
        var caps = reviewers.ToDictionary(r => r, r => total - (sampled.TryGetValue(r, out var own) ? own.Count : 0), StringComparer.Ordinal);
        if (caps.Values.Sum(c => (long)c) < total)
        {
            return null;
        }

        // No split can keep every city under total / reviewers, so the search for the least workable level starts there.
        var level = (total + reviewers.Length - 1) / reviewers.Length;
        while (caps.Values.Sum(c => Math.Min(c, level)) < total)
        {
            level++;
        }

        var loads = caps.ToDictionary(p => p.Key, p => Math.Min(p.Value, level - 1), StringComparer.Ordinal);
        var oneMore = total - loads.Values.Sum();
        var canTakeOneMore = reviewers.Where(r => caps[r] >= level).ToList();
        random.ShuffleFront(canTakeOneMore, oneMore);
        foreach (var reviewer in canTakeOneMore.Take(oneMore))
        {
            loads[reviewer]++;
        }

        return loads;
    }

    /// <summary>
    /// Hands out the branches to meet <paramref name="loads"/> exactly. A city's pressure is its branches still waiting plus
    /// the room it has left as a reviewer; an assignment exists as long as no pressure exceeds the branches still waiting
    /// (Hall's condition again). Each step assigns a branch between the most pressed city and the most pressed city it can pair
    /// with. Every city whose pressure equals what is left then loses one, and at most two cities can be that tight at once
    /// (their branches and rooms are then all that is left, so they pair with each other), so the condition still holds after
    /// the step and the last branch always finds its reviewer. Ties go by a drawn order of the cities, so who checks whom
    /// varies with the seed.
    /// </summary>
    private static List<CrossCheckAssignment> Assign(SplitMix64 random, Dictionary<string, Queue<string>> sampled, Dictionary<string, int> loads, int total)
    {
        var cities = sampled.Keys.Union(loads.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        random.ShuffleFront(cities, cities.Count);
        var precedence = cities.Select((city, index) => (city, index)).ToDictionary(p => p.city, p => -p.index, StringComparer.Ordinal);
        var room = new Dictionary<string, int>(loads, StringComparer.Ordinal);

        int Waiting(string city) => sampled.TryGetValue(city, out var queue) ? queue.Count : 0;
        int Room(string city) => room.GetValueOrDefault(city);
        string MostPressed(IEnumerable<string> among) =>
            among.MaxBy(c => (Waiting(c) + Room(c), precedence[c])) ?? throw new UnreachableException("Hall's condition guarantees a partner");

        var assignments = new List<CrossCheckAssignment>(total);
        for (var left = total; left > 0; left--)
        {
            var first = MostPressed(cities);
            var (home, reviewer) = Waiting(first) > 0
                ? (first, MostPressed(cities.Where(c => c != first && Room(c) > 0)))
                : (MostPressed(cities.Where(c => c != first && Waiting(c) > 0)), first);
            assignments.Add(new(sampled[home].Dequeue(), home, reviewer));
            room[reviewer]--;
        }

        return assignments.OrderBy(a => a.CityCode, StringComparer.Ordinal).ThenBy(a => a.BranchCode, StringComparer.Ordinal).ToList();
    }

    private static FieldError TooFewReviewerCities(Dictionary<string, Queue<string>> sampled, string[] reviewers)
    {
        const string Remedy = "add another reviewer city, or set the sample rate to 0 to skip the check";
        if (reviewers.Length == 0)
        {
            return new(Field, $"the check needs reviewers from at least two cities, so that no city checks its own branches, and none is listed; {Remedy}");
        }

        var only = reviewers[0];
        return new(Field,
            $"the check needs reviewers from at least two cities: {sampled[only].Count} branch(es) of '{only}' were sampled and '{only}' is the only reviewer city, which may not check its own branches; {Remedy}");
    }
}
