using Platform.Domain.Scoring;

namespace Platform.Contracts.Hierarchy;

/// <summary>A branch's current assessment. <see cref="Revision"/> is its ETag: an editor must name it to overwrite.</summary>
[GenerateSerializer, Immutable, Alias("AssessmentView")]
public sealed record AssessmentView(
    [property: Id(0)] string Code,
    [property: Id(1)] int Revision,
    [property: Id(2)] Assessment Assessment,
    [property: Id(3)] DateTimeOffset AssessedAt);
