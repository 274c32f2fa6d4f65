namespace Platform.Domain.Campaigns;

/// <summary>A sampled branch's cross-region check: the city assigned to re-score it and, once done, its score.</summary>
/// <param name="Deviation">Cross-check total − review total: negative where the supervising region was generous.</param>
[GenerateSerializer, Immutable, Alias("CrossCheckRecord")]
public sealed record CrossCheckRecord(
    [property: Id(0)] string ReviewerCity,
    [property: Id(1)] Submission? Result,
    [property: Id(2)] decimal? Deviation,
    [property: Id(3)] bool Failed);
