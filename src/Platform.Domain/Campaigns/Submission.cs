using Platform.Domain.Scoring;

namespace Platform.Domain.Campaigns;

/// <summary>A scored submission of one stage (自评, 审核, 交叉检查 or 申诉裁定): what was scored, when, by whom, and which
/// kind of submission it is, so an entry's history reads in order.</summary>
[GenerateSerializer, Immutable, Alias("Submission")]
public sealed record Submission(
    [property: Id(0)] Assessment Assessment,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] SubmissionKind Kind);
