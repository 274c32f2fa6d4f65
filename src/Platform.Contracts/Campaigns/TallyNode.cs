using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;

namespace Platform.Contracts.Campaigns;

/// <summary>A node of a campaign's progress tree as the roster fixed it: a tally grain learns its place from this.</summary>
/// <param name="Kind">Null for the campaign-wide root.</param>
[GenerateSerializer, Immutable, Alias("TallyNode")]
public sealed record TallyNode(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] NodeKind? Kind,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] IReadOnlyList<TallyChild> Children);
