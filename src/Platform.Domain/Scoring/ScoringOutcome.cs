using Platform.Domain.Hierarchy;

namespace Platform.Domain.Scoring;

/// <summary>Either a scored assessment or the reasons the input was refused.</summary>
public sealed record ScoringOutcome(Assessment? Assessment, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Assessment is not null;
}
