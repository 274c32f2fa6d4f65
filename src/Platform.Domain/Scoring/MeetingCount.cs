namespace Platform.Domain.Scoring;

/// <summary>The record behind a counted indicator: how many were held against how many the rules require so far.</summary>
[GenerateSerializer, Immutable, Alias("MeetingCount")]
public sealed record MeetingCount([property: Id(0)] int Held, [property: Id(1)] int Required);
