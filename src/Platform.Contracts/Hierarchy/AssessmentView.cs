using Platform.Domain.Scoring;
using Platform.Domain.Standing;

namespace Platform.Contracts.Hierarchy;

/// <summary>A branch's standing assessment. <see cref="Revision"/> is its ETag: an editor must name it to change it.</summary>
/// <param name="RatedByCampaign">The campaign whose final set the rating; null for a baseline assessment.</param>
/// <param name="Change">The history line the command that answered this added (old and new rating and total); null on
/// reads and when the command changed nothing.</param>
[GenerateSerializer, Immutable, Alias("AssessmentView")]
public sealed record AssessmentView(
    [property: Id(0)] string Code,
    [property: Id(1)] int Revision,
    [property: Id(2)] Assessment Assessment,
    [property: Id(3)] DateTimeOffset AssessedAt,
    [property: Id(4)] string? RatedByCampaign,
    [property: Id(5)] RatingChange? Change = null);
