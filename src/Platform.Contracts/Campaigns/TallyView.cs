using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>A region's or school's campaign progress and results, with every child's.</summary>
[GenerateSerializer, Immutable, Alias("TallyView")]
public sealed record TallyView(
    [property: Id(0)] TallyNode Node,
    [property: Id(1)] long Version,
    [property: Id(2)] CampaignTally Total,
    [property: Id(3)] IReadOnlyList<TallyChild> Children);
