using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>What a campaign keeps in storage besides its roster.</summary>
[GenerateSerializer, Alias("CampaignState")]
public sealed record CampaignState
{
    [Id(0)] public CampaignDefinition? Definition { get; init; }

    [Id(1)] public CampaignStage Stage { get; init; }

    [Id(2)] public IReadOnlyList<StageTransition> History { get; init; } = [];

    [Id(3)] public int Revision { get; init; }

    [Id(4)] public IReadOnlyList<CrossCheckAssignment> Assignments { get; init; } = [];

    /// <summary>Finalisation has begun and must be finished, by a re-run if it was interrupted. Appeals are closed for good.</summary>
    [Id(6)] public bool Finalising { get; init; }

    [Id(7)] public int Finalised { get; init; }

    [Id(8)] public DateTimeOffset CreatedAt { get; init; }

    // Id 5 was AppealsClosed: appeals are closed exactly while final runs, which Finalising and the stage tell.
}

/// <summary>The roster in a state of its own, so the campaign's small changes do not rewrite 50,000 branches.</summary>
[GenerateSerializer, Alias("CampaignRosterState")]
public sealed record CampaignRosterState
{
    [Id(0)] public CampaignRoster Roster { get; init; } = CampaignRoster.Empty;
}
