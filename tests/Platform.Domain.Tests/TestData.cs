using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;

namespace Platform.Domain.Tests;

/// <summary>The default frameworks the tests score against.</summary>
internal static class Frameworks
{
    public static readonly DateTimeOffset PublishedAt = new(2024, 9, 1, 0, 0, 0, TimeSpan.Zero);

    public static FrameworkVersion Stars { get; } = DefaultFrameworks.Create(RatingScheme.Stars, 1, PublishedAt);

    public static FrameworkVersion Grades { get; } = DefaultFrameworks.Create(RatingScheme.Grades, 2, PublishedAt);

    public static IEnumerable<Indicator> Scored(this FrameworkVersion framework) =>
        framework.Dimensions.Where(d => d.Id != Dimension.Bonus).SelectMany(d => d.Indicators);

    public static IEnumerable<Indicator> Of(this FrameworkVersion framework, Dimension dimension) =>
        framework.Dimensions.Where(d => d.Id == dimension).SelectMany(d => d.Indicators);
}

/// <summary>Builds assessment inputs.</summary>
internal static class Inputs
{
    public static AssessmentInput Scores(IReadOnlyDictionary<string, decimal> scores, params string[] vetoes) =>
        AssessmentInput.FromScores(scores, vetoes);

    public static AssessmentInput Scores(params (string Id, decimal Points)[] scores) =>
        AssessmentInput.FromScores(scores.ToDictionary(s => s.Id, s => s.Points, StringComparer.Ordinal));

    public static AssessmentInput Counts(params (string Id, int Held, int Required)[] counts) => new(
        new Dictionary<string, decimal>(),
        counts.ToDictionary(c => c.Id, c => new MeetingCount(c.Held, c.Required), StringComparer.Ordinal),
        new Dictionary<string, bool>(),
        []);

    public static AssessmentInput Facts(params (string Id, bool Met)[] facts) => new(
        new Dictionary<string, decimal>(),
        new Dictionary<string, MeetingCount>(),
        facts.ToDictionary(f => f.Id, f => f.Met, StringComparer.Ordinal),
        []);

    /// <summary>Every indicator of the five dimensions at its maximum (100 points), optionally every bonus indicator too.</summary>
    public static Dictionary<string, decimal> FullMarks(FrameworkVersion framework, bool withBonus = false) =>
        (withBonus ? framework.Indicators : framework.Scored()).ToDictionary(i => i.Id, i => i.Max, StringComparer.Ordinal);

    /// <summary>
    /// Points adding up to exactly <paramref name="total"/>, filled in table order (支部设置 and 组织生活 first), so any total
    /// of 45 or more meets every gate of the default frameworks.
    /// </summary>
    public static Dictionary<string, decimal> WithTotal(FrameworkVersion framework, decimal total)
    {
        var points = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var remaining = total;
        foreach (var indicator in framework.Scored())
        {
            var given = Math.Min(indicator.Max, remaining);
            points[indicator.Id] = given;
            remaining -= given;
        }

        if (remaining != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "more than the five dimensions hold");
        }

        return points;
    }

    public static Dictionary<string, decimal> With(this Dictionary<string, decimal> points, string id, decimal value) =>
        new(points, StringComparer.Ordinal) { [id] = value };

    public static Assessment ScoreOrFail(FrameworkVersion framework, AssessmentInput input)
    {
        var outcome = Assessor.Score(framework, input);
        return outcome.Assessment
            ?? throw new InvalidOperationException("expected the input to be scored: " + string.Join("; ", outcome.Errors));
    }
}

/// <summary>Random but reproducible domain values for the property tests.</summary>
internal static class RandomData
{
    public static decimal Points(Random rng, decimal max, int floorPercent)
    {
        var cents = (int)(max * 100);
        return rng.Next(cents * floorPercent / 100, cents + 1) / 100m;
    }

    /// <summary>A valid input mixing points, records and facts; a quality floor spreads the ratings over every band.</summary>
    public static AssessmentInput Input(Random rng, FrameworkVersion framework)
    {
        var floor = rng.Next(0, 101);
        var scores = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var counts = new Dictionary<string, MeetingCount>(StringComparer.Ordinal);
        var facts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var indicator in framework.Indicators)
        {
            if (rng.Next(10) == 0)
            {
                continue;
            }

            switch (indicator.Rule)
            {
                case IndicatorRule.Counted when rng.Next(3) > 0:
                    var required = rng.Next(1, 13);
                    counts[indicator.Id] = new(Math.Max(0, rng.Next(required * floor / 100, required + 3)), required);
                    break;
                case IndicatorRule.Derived when rng.Next(3) > 0:
                    facts[indicator.Id] = rng.Next(100) < Math.Max(floor, 10);
                    break;
                default:
                    scores[indicator.Id] = Points(rng, indicator.Max, floor);
                    break;
            }
        }

        var vetoes = new List<string>();
        if (rng.Next(8) == 0)
        {
            vetoes.AddRange(framework.Vetoes.Select(v => v.Id).OrderBy(_ => rng.Next()).Take(rng.Next(1, 3)));
        }

        return new(scores, counts, facts, vetoes);
    }

    public static Assessment ScoredAssessment(Random rng)
    {
        var framework = rng.Next(2) == 0 ? Frameworks.Stars : Frameworks.Grades;
        return Inputs.ScoreOrFail(framework, Input(rng, framework));
    }

    /// <summary>One school or one Party organisation, as a node contributes it by itself.</summary>
    public static Summary Contribution(Random rng)
    {
        if (rng.Next(3) == 0)
        {
            var profile = new SchoolProfile((SchoolStage)rng.Next(8), rng.Next(2) == 0, rng.Next(2) == 0);
            return Summary.ForSchool(profile, rng.Next(3) > 0);
        }

        var kind = (NodeKind)rng.Next((int)NodeKind.PartyCommittee, (int)NodeKind.JointBranch + 1);
        var assessment = rng.Next(4) == 0 ? null : ScoredAssessment(rng);
        return Summary.ForOrganisation(kind, rng.Next(0, 60), rng.Next(0, 6), assessment);
    }

    /// <summary>The summary of a small random subtree.</summary>
    public static Summary Subtree(Random rng)
    {
        var summary = Summary.Zero;
        var parts = rng.Next(0, 6);
        for (var i = 0; i < parts; i++)
        {
            summary += Contribution(rng);
        }

        return summary;
    }

    public static Summary Sum(IEnumerable<Summary> summaries) => summaries.Aggregate(Summary.Zero, (a, b) => a + b);

    public static List<T> Shuffled<T>(Random rng, IEnumerable<T> items) => items.OrderBy(_ => rng.Next()).ToList();
}
