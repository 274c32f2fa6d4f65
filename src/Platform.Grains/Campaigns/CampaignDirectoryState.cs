using Platform.Contracts.Campaigns;

namespace Platform.Grains.Campaigns;

[GenerateSerializer, Alias("CampaignDirectoryState")]
public sealed record CampaignDirectoryState
{
    [Id(0)] public int LastNumber { get; init; }

    [Id(1)] public IReadOnlyList<CampaignSummary> Campaigns { get; init; } = [];
}
