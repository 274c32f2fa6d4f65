namespace Platform.Domain.Framework;

/// <summary>A rating reached from <see cref="MinScore"/> total points when every gate holds.</summary>
[GenerateSerializer, Immutable, Alias("RatingBand")]
public sealed record RatingBand(
    [property: Id(0)] RatingLevel Level,
    [property: Id(1)] decimal MinScore,
    [property: Id(2)] IReadOnlyList<RatingGate> Gates);
