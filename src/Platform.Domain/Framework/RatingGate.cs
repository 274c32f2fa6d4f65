namespace Platform.Domain.Framework;

/// <summary>
/// A condition beyond points that a band requires (门槛): every indicator of <see cref="Dimension"/> must reach
/// <see cref="MinShareOfMax"/> of its maximum, e.g. "3★ and above only with every 支部设置 indicator met".
/// </summary>
[GenerateSerializer, Immutable, Alias("RatingGate")]
public sealed record RatingGate(
    [property: Id(0)] Dimension Dimension,
    [property: Id(1)] decimal MinShareOfMax,
    [property: Id(2)] string Description);
