using Platform.Domain.Framework;

namespace Platform.Domain.Standing;

/// <summary>One change to a branch's standing rating (评定变更留痕): who, when, by which path, from what to what, and why.</summary>
/// <param name="CampaignId">The campaign that set the rating, or whose rating was changed afterwards.</param>
/// <param name="OldRating">Null for the branch's first rating.</param>
/// <param name="Indicators">The indicators a correction changed; empty otherwise.</param>
[GenerateSerializer, Immutable, Alias("RatingChange")]
public sealed record RatingChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] RatingChangeSource Source,
    [property: Id(3)] string? CampaignId,
    [property: Id(4)] RatingLevel? OldRating,
    [property: Id(5)] decimal? OldTotal,
    [property: Id(6)] RatingLevel NewRating,
    [property: Id(7)] decimal NewTotal,
    [property: Id(8)] bool Compliant,
    [property: Id(9)] string Reason,
    [property: Id(10)] IReadOnlyList<IndicatorChange> Indicators);
