namespace Platform.Domain.Campaigns;

/// <summary>What a branch's entry must know about its campaign to accept or refuse a command.</summary>
[GenerateSerializer, Immutable, Alias("CampaignStatus")]
public sealed record CampaignStatus(
    [property: Id(0)] CampaignStage Stage,
    [property: Id(1)] int FrameworkVersion,
    [property: Id(2)] bool AppealsClosed,
    [property: Id(3)] bool Finalising,
    [property: Id(4)] bool CascadeOnFailure);
