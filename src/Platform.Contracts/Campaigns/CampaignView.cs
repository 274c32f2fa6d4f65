using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>A campaign as its admin sees it.</summary>
/// <param name="Branches">Branches on the roster; 0 until self-assessment opens.</param>
/// <param name="AppealsClosed">No new appeal is taken: final is checking the campaign or under way. A final that is refused
/// (open appeals, publicity too short) leaves the campaign in publicity taking appeals again.</param>
/// <param name="Finalised">Branches whose result is already official while finalisation runs or after it.</param>
[GenerateSerializer, Immutable, Alias("CampaignView")]
public sealed record CampaignView(
    [property: Id(0)] string Id,
    [property: Id(1)] CampaignDefinition Definition,
    [property: Id(2)] CampaignStage Stage,
    [property: Id(3)] IReadOnlyList<StageTransition> History,
    [property: Id(4)] int Branches,
    [property: Id(5)] int Sampled,
    [property: Id(6)] bool AppealsClosed,
    [property: Id(7)] bool Finalising,
    [property: Id(8)] int Finalised,
    [property: Id(9)] int Revision);
