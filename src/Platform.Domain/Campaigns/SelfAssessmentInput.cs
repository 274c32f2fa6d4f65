using Platform.Domain.Scoring;

namespace Platform.Domain.Campaigns;

/// <summary>A branch's self-assessment: per-indicator scores (or records and facts) with short evidence notes (佐证说明).</summary>
[GenerateSerializer, Immutable, Alias("SelfAssessmentInput")]
public sealed record SelfAssessmentInput(
    [property: Id(0)] AssessmentInput Input,
    [property: Id(1)] IReadOnlyDictionary<string, string> Evidence);
