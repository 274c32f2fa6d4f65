using Platform.Domain.Scoring;

namespace Platform.Contracts.Campaigns;

/// <summary>A scored submission of one stage (自评, 审核, 交叉检查 or 申诉裁定): what was scored, when and by whom.</summary>
[GenerateSerializer, Immutable, Alias("Submission")]
public sealed record Submission(
    [property: Id(0)] Assessment Assessment,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor);
