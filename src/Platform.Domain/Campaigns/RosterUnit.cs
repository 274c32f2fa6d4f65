using Platform.Domain.Hierarchy;

namespace Platform.Domain.Campaigns;

/// <summary>A region or school of a campaign's scope: a node of the campaign's progress tree.</summary>
/// <param name="ParentCode">The unit above; <see cref="CampaignRoster.ScopeRoot"/> for a region named in the scope.</param>
[GenerateSerializer, Immutable, Alias("RosterUnit")]
public sealed record RosterUnit(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] NodeKind Kind,
    [property: Id(3)] string ParentCode);
