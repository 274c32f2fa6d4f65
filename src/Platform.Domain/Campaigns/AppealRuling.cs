namespace Platform.Domain.Campaigns;

/// <summary>A reviewer's ruling on an appeal: upheld with the corrected scores, or rejected; the reason is always given.</summary>
[GenerateSerializer, Immutable, Alias("AppealRuling")]
public sealed record AppealRuling(
    [property: Id(0)] bool Upheld,
    [property: Id(1)] ScoreChanges Changes,
    [property: Id(2)] string Reason);
