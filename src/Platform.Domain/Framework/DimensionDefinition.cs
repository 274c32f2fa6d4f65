namespace Platform.Domain.Framework;

/// <summary>A dimension of a framework version with its indicators; its maximum is the sum of theirs, except the bonus,
/// whose total is capped by <see cref="FrameworkVersion.BonusCap"/>.</summary>
[GenerateSerializer, Immutable, Alias("DimensionDefinition")]
public sealed record DimensionDefinition(
    [property: Id(0)] Dimension Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<Indicator> Indicators)
{
    public decimal Max => Indicators.Sum(i => i.Max);
}
