namespace Platform.Domain.Campaigns;

/// <summary>What a branch appeals against: the indicators it disputes and why.</summary>
[GenerateSerializer, Immutable, Alias("AppealRequest")]
public sealed record AppealRequest(
    [property: Id(0)] IReadOnlyList<string> Indicators,
    [property: Id(1)] string Reason);
