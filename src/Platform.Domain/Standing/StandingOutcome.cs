namespace Platform.Domain.Standing;

/// <summary>What a command made of a <see cref="StandingAssessment"/>: the new standing and its audit line, or the
/// unchanged standing and why it was refused.</summary>
public sealed record StandingOutcome(StandingAssessment Standing, RatingChange? Change, Refusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static StandingOutcome Refused(StandingAssessment standing, Refusal refusal) => new(standing, null, refusal);
}
