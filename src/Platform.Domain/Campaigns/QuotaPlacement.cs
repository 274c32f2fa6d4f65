using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>Where the quotas (名额) put a rated branch: the level it earned, the level it holds after them, and each step
/// down on the way (none when it kept what it earned).</summary>
/// <param name="Total">The total the quotas ranked it by: a result that changed since is not the one they placed.</param>
[GenerateSerializer, Immutable, Alias("QuotaPlacement")]
public sealed record QuotaPlacement(
    [property: Id(0)] RatingLevel Earned,
    [property: Id(1)] RatingLevel Final,
    [property: Id(2)] decimal Total,
    [property: Id(3)] IReadOnlyList<QuotaDemotion> Demotions);
