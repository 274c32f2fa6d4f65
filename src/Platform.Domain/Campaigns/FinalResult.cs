using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>A branch's official outcome (认定). <see cref="Rating"/> is null for a branch that never submitted: it keeps
/// the rating it held before the campaign.</summary>
/// <param name="Earned">The level its score earned before regional quotas (名额) applied.</param>
[GenerateSerializer, Immutable, Alias("FinalResult")]
public sealed record FinalResult(
    [property: Id(0)] RatingLevel? Rating,
    [property: Id(1)] RatingLevel? Earned,
    [property: Id(2)] decimal? Total,
    [property: Id(3)] bool Compliant,
    [property: Id(4)] DateTimeOffset At);
