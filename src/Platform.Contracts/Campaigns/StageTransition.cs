using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>A stage the campaign entered, when, and on whose command ("deadline" when a reminder moved it on).</summary>
[GenerateSerializer, Immutable, Alias("StageTransition")]
public sealed record StageTransition(
    [property: Id(0)] CampaignStage Stage,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor);
