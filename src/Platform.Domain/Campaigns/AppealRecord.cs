namespace Platform.Domain.Campaigns;

/// <summary>An appeal (申诉) against a published result and, once made, the final decision on it.</summary>
[GenerateSerializer, Immutable, Alias("AppealRecord")]
public sealed record AppealRecord(
    [property: Id(0)] IReadOnlyList<string> Indicators,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] AppealDecision? Decision);
