using Platform.Domain.Hierarchy;
using Platform.Domain.Text;

namespace Platform.Domain.Framework;

/// <summary>
/// Checks a proposed framework version before it is published, so a bad table never scores anyone. Its shape: all five
/// standardisations, unique ids, names, points adding up to 100. And its meaning: every band reachable by some score,
/// gates that only tighten from one band to the next, a pass level above the bottom, veto items that cap something,
/// bonus indicators the bonus cap lets count, and the tenant's own rating scheme.
/// </summary>
public static class FrameworkRules
{
    public const int MaxIndicators = 200;
    public const int MaxVetoes = 50;
    public const int MaxIdLength = 20;

    /// <summary>The version's name and each dimension's.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Indicator and veto names and gate descriptions: a sentence of the standard.</summary>
    public const int MaxItemTextLength = 200;

    public const decimal MaxBonusCap = 20m;

    /// <param name="tenantScheme">The scheme the tenant rates by, when it has one already; a version of the other is refused.</param>
    public static IReadOnlyList<FieldError> Validate(FrameworkVersion framework, RatingScheme? tenantScheme = null)
    {
        var errors = new List<FieldError>();
        if (tenantScheme is { } scheme && framework.Scheme != scheme)
        {
            errors.Add(new("ratingScheme", $"the tenant rates by {scheme.ToApiName()}; every version it publishes must rate by {scheme.ToApiName()} too"));
        }

        Text(framework.Name, "name", MaxNameLength, errors);
        var bonusCapValid = framework.BonusCap is >= 0 and <= MaxBonusCap && HasAtMostTwoDecimals(framework.BonusCap);
        if (!bonusCapValid)
        {
            errors.Add(new("bonusCap", $"must be between 0 and {MaxBonusCap}, with at most 2 decimal places"));
        }

        var pointsSound = ValidateDimensions(framework, bonusCapValid, errors);
        decimal? reachable = pointsSound && bonusCapValid ? HighestReachableTotal(framework) : null;
        ValidateBands(framework, reachable, errors);
        ValidatePassLevel(framework, errors);
        ValidateVetoes(framework, errors);
        return errors;
    }

    /// <summary>The most any branch can score: full points everywhere, the bonus as far as the cap lets it count.</summary>
    public static decimal HighestReachableTotal(FrameworkVersion framework) =>
        framework.Dimensions.Where(d => d.Id != Dimension.Bonus).Sum(d => d.Max)
        + Math.Min(framework.BonusCap, framework.Dimensions.Where(d => d.Id == Dimension.Bonus).Sum(d => d.Max));

    /// <summary>Whether the points are sound enough to reason about what scores can reach.</summary>
    private static bool ValidateDimensions(FrameworkVersion framework, bool bonusCapValid, List<FieldError> errors)
    {
        var before = errors.Count;
        var dimensions = framework.Dimensions.Select(d => d.Id).ToList();
        foreach (var missing in Dimensions.All.Where(d => d != Dimension.Bonus).Except(dimensions))
        {
            errors.Add(new("dimensions", $"the '{missing.ToApiName()}' dimension is missing: all five standardisations (五化) are required"));
        }

        if (dimensions.Distinct().Count() != dimensions.Count)
        {
            errors.Add(new("dimensions", "lists a dimension twice"));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        for (var d = 0; d < framework.Dimensions.Count; d++)
        {
            var dimension = framework.Dimensions[d];
            Text(dimension.Name, $"dimensions[{d}].name", MaxNameLength, errors);
            if (dimension.Indicators.Count == 0)
            {
                errors.Add(new($"dimensions[{d}].indicators", "a dimension needs at least one indicator"));
            }

            for (var i = 0; i < dimension.Indicators.Count; i++)
            {
                var indicator = dimension.Indicators[i];
                var field = $"dimensions[{d}].indicators[{i}]";
                count++;
                if (IdProblem(indicator.Id) is { } idProblem)
                {
                    errors.Add(new($"{field}.id", idProblem));
                }
                else if (!ids.Add(indicator.Id))
                {
                    errors.Add(new($"{field}.id", $"'{indicator.Id}' is used twice"));
                }

                Text(indicator.Name, $"{field}.name", MaxItemTextLength, errors);
                if (indicator.Max <= 0 || indicator.Max > 100 || !HasAtMostTwoDecimals(indicator.Max))
                {
                    errors.Add(new($"{field}.max", "must be above 0, at most 100, with at most 2 decimal places"));
                }
                else if (dimension.Id == Dimension.Bonus && bonusCapValid && indicator.Max > framework.BonusCap)
                {
                    errors.Add(new($"{field}.max", $"a bonus indicator cannot be worth more than the bonusCap ({framework.BonusCap}): " +
                        "the points above the cap could never count; lower it or raise bonusCap"));
                }
            }
        }

        if (count > MaxIndicators)
        {
            errors.Add(new("dimensions", $"at most {MaxIndicators} indicators"));
        }

        var scored = framework.Dimensions.Where(d => d.Id != Dimension.Bonus).Sum(d => d.Max);
        if (errors.Count == before && scored != 100m)
        {
            errors.Add(new("dimensions", $"the five dimensions must add up to 100 points; they add up to {scored}"));
        }

        return errors.Count == before;
    }

    private static void ValidateBands(FrameworkVersion framework, decimal? reachable, List<FieldError> errors)
    {
        var expected = RatingLevels.Of(framework.Scheme);
        var levels = framework.Bands.Select(b => b.Level).ToList();
        if (!levels.SequenceEqual(expected))
        {
            var names = string.Join(", ", expected.Select(l => l.ToApiName()));
            errors.Add(new("bands", $"must list every level of the scheme once, lowest first: {names}"));
            return;
        }

        if (framework.Bands[0].MinScore != 0)
        {
            errors.Add(new("bands[0].minScore", "the lowest band must start at 0"));
        }

        for (var b = 1; b < framework.Bands.Count; b++)
        {
            var minScore = framework.Bands[b].MinScore;
            if (minScore <= framework.Bands[b - 1].MinScore)
            {
                errors.Add(new($"bands[{b}].minScore", "must be above the band below it"));
            }
            else if (!HasAtMostTwoDecimals(minScore))
            {
                errors.Add(new($"bands[{b}].minScore", "at most 2 decimal places"));
            }
            else if (reachable is { } most && minScore > most)
            {
                errors.Add(new($"bands[{b}].minScore", $"no branch can reach {minScore}: the most a branch can score is {most} " +
                    "(the five dimensions plus the bonus up to bonusCap)"));
            }
        }

        var gatesSound = true;
        for (var b = 0; b < framework.Bands.Count; b++)
        {
            var gates = framework.Bands[b].Gates;
            for (var g = 0; g < gates.Count; g++)
            {
                var gate = gates[g];
                if (gate.MinShareOfMax is <= 0 or > 1 || decimal.Round(gate.MinShareOfMax, 4) != gate.MinShareOfMax)
                {
                    errors.Add(new($"bands[{b}].gates", "minShareOfMax must be above 0 and at most 1, with at most 4 decimal places"));
                    gatesSound = false;
                }

                if (framework.Dimensions.All(d => d.Id != gate.Dimension))
                {
                    errors.Add(new($"bands[{b}].gates", $"names the '{gate.Dimension.ToApiName()}' dimension, which this version lacks"));
                    gatesSound = false;
                }
                else if (gates.Take(g).Any(earlier => earlier.Dimension == gate.Dimension))
                {
                    errors.Add(new($"bands[{b}].gates[{g}].dimension", $"the '{gate.Dimension.ToApiName()}' dimension is gated twice in this band; keep one gate"));
                    gatesSound = false;
                }

                Text(gate.Description, $"bands[{b}].gates[{g}].description", MaxItemTextLength, errors, required: false);
            }
        }

        if (framework.Bands[0].Gates.Count > 0)
        {
            errors.Add(new("bands[0].gates", "every branch starts in the lowest band, so a gate there changes nothing; remove it"));
        }

        if (gatesSound)
        {
            ValidateGatesTighten(framework, errors);
        }
    }

    /// <summary>
    /// A branch is rated at the highest band whose score and gates it meets. A band that dropped a gate of the band
    /// below, or lowered its share, would let a branch that fails that gate skip past the lower band to this one.
    /// </summary>
    private static void ValidateGatesTighten(FrameworkVersion framework, List<FieldError> errors)
    {
        // From the third band: the lowest may hold no gate (refused above), so the second has none to keep.
        for (var b = 2; b < framework.Bands.Count; b++)
        {
            foreach (var lower in framework.Bands[b - 1].Gates)
            {
                var same = framework.Bands[b].Gates.FirstOrDefault(g => g.Dimension == lower.Dimension);
                if (same is null || same.MinShareOfMax < lower.MinShareOfMax)
                {
                    errors.Add(new($"bands[{b}].gates",
                        $"must keep the gate of the band below it ({lower.Dimension.ToApiName()} at {lower.MinShareOfMax} of the maximum or more): " +
                        $"otherwise a branch failing that gate would skip to {framework.Bands[b].Level.ToApiName()}"));
                }
            }
        }
    }

    private static void ValidatePassLevel(FrameworkVersion framework, List<FieldError> errors)
    {
        if (framework.PassLevel.Scheme() != framework.Scheme)
        {
            errors.Add(new("passLevel", $"must be a level of the {framework.Scheme.ToApiName()} scheme"));
        }
        else if (framework.PassLevel == RatingLevels.Lowest(framework.Scheme))
        {
            errors.Add(new("passLevel", $"cannot be the lowest level ({framework.PassLevel.ToApiName()}): every branch would be compliant (达标) whatever it scored"));
        }
    }

    private static void ValidateVetoes(FrameworkVersion framework, List<FieldError> errors)
    {
        if (framework.Vetoes.Count > MaxVetoes)
        {
            errors.Add(new("vetoes", $"at most {MaxVetoes} veto items"));
        }

        var top = RatingLevels.Of(framework.Scheme)[^1];
        var vetoIds = new HashSet<string>(StringComparer.Ordinal);
        for (var v = 0; v < framework.Vetoes.Count; v++)
        {
            var veto = framework.Vetoes[v];
            if (IdProblem(veto.Id) is { } idProblem)
            {
                errors.Add(new($"vetoes[{v}].id", idProblem));
            }
            else if (!vetoIds.Add(veto.Id))
            {
                errors.Add(new($"vetoes[{v}].id", $"'{veto.Id}' is used twice; ids must be unique"));
            }

            Text(veto.Name, $"vetoes[{v}].name", MaxItemTextLength, errors);
            if (veto.Cap.Scheme() != framework.Scheme)
            {
                errors.Add(new($"vetoes[{v}].cap", $"must be a level of the {framework.Scheme.ToApiName()} scheme"));
            }
            else if (veto.Cap == top)
            {
                errors.Add(new($"vetoes[{v}].cap", $"capping at the top level ({top.ToApiName()}) caps nothing; cap below it"));
            }
        }
    }

    /// <summary>Why an indicator or veto id cannot be used, or null. Ids are JSON keys of every submission and name
    /// fields in errors (<c>scores.2.1</c>), so they keep to letters, digits, '.', '-' and '_'.</summary>
    private static string? IdProblem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "is required";
        }

        var wellFormed = id.Length <= MaxIdLength
            && char.IsLetterOrDigit(id[0])
            && id.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_');
        return wellFormed ? null : $"must be 1-{MaxIdLength} letters, digits, '.', '-' or '_', starting with a letter or digit (e.g. 2.1 or V1)";
    }

    private static void Text(string? text, string field, int maxLength, List<FieldError> errors, bool required = true)
    {
        if (TextRules.Problem(text, maxLength, TextShape.SingleLine, required) is { } problem)
        {
            errors.Add(new(field, problem));
        }
    }

    private static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2) == value;
}
