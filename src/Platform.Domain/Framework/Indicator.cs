namespace Platform.Domain.Framework;

/// <summary>One line of the scoring table.</summary>
/// <param name="Id">Stable within a version, e.g. <c>2.1</c>; scores are keyed by it.</param>
[GenerateSerializer, Immutable, Alias("Indicator")]
public sealed record Indicator(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal Max,
    [property: Id(3)] IndicatorRule Rule);
