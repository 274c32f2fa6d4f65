using Platform.Domain.Hierarchy;

namespace Platform.Domain.Campaigns;

/// <summary>
/// How many branches of each city the cross-region check (交叉检查) re-examines: <see cref="SampleRate"/> of the city's
/// candidates rounded up, but at least <see cref="MinimumPerCity"/> so that a small city is never skipped, and never more than it
/// has. A rate of 0 turns the check off whatever the minimum says. <see cref="CascadeOnFailure"/> tells the campaign to widen
/// the check when a sampled branch fails it; the draw itself does not read it.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrossCheckPolicy")]
public sealed record CrossCheckPolicy(
    [property: Id(0)] decimal SampleRate,
    [property: Id(1)] int MinimumPerCity,
    [property: Id(2)] bool CascadeOnFailure)
{
    public const int MaxMinimumPerCity = 1000;

    /// <summary>One branch in ten, at least one per city, widened on failure.</summary>
    public static CrossCheckPolicy Default { get; } = new(0.10m, 1, true);

    public IReadOnlyList<FieldError> Validate(string fieldPrefix)
    {
        var errors = new List<FieldError>();
        if (SampleRate < 0m || SampleRate > 1m || decimal.Round(SampleRate, 4) != SampleRate)
        {
            errors.Add(new(FieldPath.Join(fieldPrefix, "sampleRate"), "must be between 0 and 1 with at most 4 decimal places (0 turns the check off)"));
        }

        if (MinimumPerCity < 0 || MinimumPerCity > MaxMinimumPerCity)
        {
            errors.Add(new(FieldPath.Join(fieldPrefix, "minimumPerCity"), $"must be between 0 and {MaxMinimumPerCity}"));
        }

        return errors;
    }
}
