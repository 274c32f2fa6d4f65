namespace Platform.Domain.Standing;

/// <summary>One indicator's points before and after a correction, and why.</summary>
[GenerateSerializer, Immutable, Alias("IndicatorChange")]
public sealed record IndicatorChange(
    [property: Id(0)] string Indicator,
    [property: Id(1)] decimal? Old,
    [property: Id(2)] decimal? New,
    [property: Id(3)] string Reason);
