namespace Platform.Domain.Campaigns;

/// <summary>A reviewer's decision on an appeal; final. When upheld, <see cref="Result"/> is the corrected score.</summary>
[GenerateSerializer, Immutable, Alias("AppealDecision")]
public sealed record AppealDecision(
    [property: Id(0)] bool Upheld,
    [property: Id(1)] string Reason,
    [property: Id(2)] Submission? Result,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Actor);
