using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;

namespace Platform.Domain.Scoring;

/// <summary>Scores an input against a framework version: indicators → dimensions → total → rating and 达标.</summary>
public static class Assessor
{
    public static ScoringOutcome Score(FrameworkVersion framework, AssessmentInput input)
    {
        var errors = new List<FieldError>();
        var points = new Dictionary<string, decimal>(StringComparer.Ordinal);

        foreach (var (id, value) in input.Scores)
        {
            if (Lookup(framework, "scores", id, errors) is not { } indicator)
            {
                continue;
            }

            if (value < 0 || value > indicator.Max)
            {
                errors.Add(new($"scores.{id}", $"must be between 0 and {indicator.Max}; got {value}"));
            }
            else if (decimal.Round(value, 2) != value)
            {
                errors.Add(new($"scores.{id}", "at most 2 decimal places"));
            }
            else
            {
                points[id] = value;
            }
        }

        foreach (var (id, count) in input.Counts)
        {
            if (Lookup(framework, "counts", id, errors) is not { } indicator)
            {
                continue;
            }

            if (indicator.Rule != IndicatorRule.Counted)
            {
                errors.Add(new($"counts.{id}", $"'{id}' is a {indicator.Rule.ToString().ToLowerInvariant()} indicator, not counted from records"));
            }
            else if (count.Held < 0 || count.Required <= 0)
            {
                errors.Add(new($"counts.{id}", "held must be 0 or more and required above 0"));
            }
            else if (!points.TryAdd(id, Counted(indicator, count)))
            {
                errors.Add(new($"counts.{id}", "give either points or a count for an indicator, not both"));
            }
        }

        foreach (var (id, met) in input.Facts)
        {
            if (Lookup(framework, "facts", id, errors) is not { } indicator)
            {
                continue;
            }

            if (indicator.Rule != IndicatorRule.Derived)
            {
                errors.Add(new($"facts.{id}", $"'{id}' is a {indicator.Rule.ToString().ToLowerInvariant()} indicator, not derived from a fact"));
            }
            else if (!points.TryAdd(id, met ? indicator.Max : 0m))
            {
                errors.Add(new($"facts.{id}", "give either points or a fact for an indicator, not both"));
            }
        }

        for (var v = 0; v < input.Vetoes.Count; v++)
        {
            if (framework.FindVeto(input.Vetoes[v]) is null)
            {
                errors.Add(new($"vetoes[{v}]", $"'{input.Vetoes[v]}' is not a veto item of framework version {framework.Version}"));
            }
        }

        if (input.Vetoes.Distinct(StringComparer.Ordinal).Count() != input.Vetoes.Count)
        {
            errors.Add(new("vetoes", "lists a veto item twice"));
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var dimensions = DimensionTotals.Zero;
        foreach (var definition in framework.Dimensions)
        {
            var sum = definition.Indicators.Sum(i => points.GetValueOrDefault(i.Id));
            if (definition.Id == Dimension.Bonus)
            {
                sum = Math.Min(sum, framework.BonusCap);
            }

            dimensions = dimensions.With(definition.Id, sum);
        }

        var total = dimensions.Sum;
        var vetoed = input.Vetoes.Count > 0;
        var rating = Rate(framework, total, points, input.Vetoes);
        var compliant = !vetoed && rating.Rank() >= framework.PassLevel.Rank();
        return new(new Assessment(framework.Version, input, points, dimensions, total, rating, compliant), []);
    }

    /// <summary>The highest band whose points and gates are met, then capped by the worst veto that occurred.</summary>
    public static RatingLevel Rate(FrameworkVersion framework, decimal total, IReadOnlyDictionary<string, decimal> points, IReadOnlyList<string> vetoes)
    {
        var rating = RatingLevels.Lowest(framework.Scheme);
        foreach (var band in framework.Bands)
        {
            if (total >= band.MinScore && band.Gates.All(gate => GateHolds(framework, gate, points)))
            {
                rating = band.Level;
            }
        }

        foreach (var veto in vetoes.Select(framework.FindVeto).OfType<VetoItem>())
        {
            if (veto.Cap.Rank() < rating.Rank())
            {
                rating = veto.Cap;
            }
        }

        return rating;
    }

    private static bool GateHolds(FrameworkVersion framework, RatingGate gate, IReadOnlyDictionary<string, decimal> points) =>
        framework.Dimensions
            .Where(d => d.Id == gate.Dimension)
            .SelectMany(d => d.Indicators)
            .All(i => points.GetValueOrDefault(i.Id) >= i.Max * gate.MinShareOfMax);

    private static decimal Counted(Indicator indicator, MeetingCount count) =>
        decimal.Round(indicator.Max * Math.Min(count.Held, count.Required) / count.Required, 2, MidpointRounding.AwayFromZero);

    private static Indicator? Lookup(FrameworkVersion framework, string field, string id, List<FieldError> errors)
    {
        var indicator = framework.FindIndicator(id);
        if (indicator is null)
        {
            errors.Add(new($"{field}.{id}", $"'{id}' is not an indicator of framework version {framework.Version}"));
        }

        return indicator;
    }
}
