using Platform.Domain.Hierarchy;

namespace Platform.Domain.Framework;

/// <summary>Checks a proposed framework version before it is published, so a bad table never scores anyone.</summary>
public static class FrameworkRules
{
    public const int MaxIndicators = 200;

    public static IReadOnlyList<FieldError> Validate(FrameworkVersion framework)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(framework.Name))
        {
            errors.Add(new("name", "is required"));
        }

        var dimensions = framework.Dimensions.Select(d => d.Id).ToList();
        foreach (var missing in Framework.Dimensions.All.Where(d => d != Dimension.Bonus).Except(dimensions))
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
            if (dimension.Indicators.Count == 0)
            {
                errors.Add(new($"dimensions[{d}].indicators", "a dimension needs at least one indicator"));
            }

            for (var i = 0; i < dimension.Indicators.Count; i++)
            {
                var indicator = dimension.Indicators[i];
                var field = $"dimensions[{d}].indicators[{i}]";
                count++;
                if (string.IsNullOrWhiteSpace(indicator.Id) || indicator.Id.Length > 20)
                {
                    errors.Add(new($"{field}.id", "is required and at most 20 characters"));
                }
                else if (!ids.Add(indicator.Id))
                {
                    errors.Add(new($"{field}.id", $"'{indicator.Id}' is used twice"));
                }

                if (string.IsNullOrWhiteSpace(indicator.Name))
                {
                    errors.Add(new($"{field}.name", "is required"));
                }

                if (indicator.Max <= 0 || indicator.Max > 100 || decimal.Round(indicator.Max, 2) != indicator.Max)
                {
                    errors.Add(new($"{field}.max", "must be above 0, at most 100, with at most 2 decimal places"));
                }
            }
        }

        if (count > MaxIndicators)
        {
            errors.Add(new("dimensions", $"at most {MaxIndicators} indicators"));
        }

        var scored = framework.Dimensions.Where(d => d.Id != Dimension.Bonus).Sum(d => d.Max);
        if (errors.Count == 0 && scored != 100m)
        {
            errors.Add(new("dimensions", $"the five dimensions must add up to 100 points; they add up to {scored}"));
        }

        if (framework.BonusCap < 0 || framework.BonusCap > 20)
        {
            errors.Add(new("bonusCap", "must be between 0 and 20"));
        }

        ValidateBands(framework, errors);

        if (framework.PassLevel.Scheme() != framework.Scheme)
        {
            errors.Add(new("passLevel", $"must be a level of the {framework.Scheme.ToString().ToLowerInvariant()} scheme"));
        }

        var vetoIds = new HashSet<string>(StringComparer.Ordinal);
        for (var v = 0; v < framework.Vetoes.Count; v++)
        {
            var veto = framework.Vetoes[v];
            if (string.IsNullOrWhiteSpace(veto.Id) || !vetoIds.Add(veto.Id))
            {
                errors.Add(new($"vetoes[{v}].id", "is required and must be unique"));
            }

            if (string.IsNullOrWhiteSpace(veto.Name))
            {
                errors.Add(new($"vetoes[{v}].name", "is required"));
            }

            if (veto.Cap.Scheme() != framework.Scheme)
            {
                errors.Add(new($"vetoes[{v}].cap", $"must be a level of the {framework.Scheme.ToString().ToLowerInvariant()} scheme"));
            }
        }

        return errors;
    }

    private static void ValidateBands(FrameworkVersion framework, List<FieldError> errors)
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
            if (framework.Bands[b].MinScore <= framework.Bands[b - 1].MinScore)
            {
                errors.Add(new($"bands[{b}].minScore", "must be above the band below it"));
            }
        }

        for (var b = 0; b < framework.Bands.Count; b++)
        {
            foreach (var gate in framework.Bands[b].Gates)
            {
                if (gate.MinShareOfMax is <= 0 or > 1)
                {
                    errors.Add(new($"bands[{b}].gates", "minShareOfMax must be above 0 and at most 1"));
                }

                if (framework.Dimensions.All(d => d.Id != gate.Dimension))
                {
                    errors.Add(new($"bands[{b}].gates", $"names the '{gate.Dimension.ToApiName()}' dimension, which this version lacks"));
                }
            }
        }
    }
}
