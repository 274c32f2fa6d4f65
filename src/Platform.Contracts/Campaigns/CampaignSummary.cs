using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>A line of a tenant's campaign list.</summary>
[GenerateSerializer, Immutable, Alias("CampaignSummary")]
public sealed record CampaignSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] CampaignKind Kind,
    [property: Id(3)] CampaignStage Stage,
    [property: Id(4)] DateTimeOffset CreatedAt);
