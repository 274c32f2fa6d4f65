using Platform.Domain.Rollups;

namespace Platform.Domain.Ranking;

/// <summary>One page of ranked children, with how many there are in all.</summary>
[GenerateSerializer, Immutable, Alias("ChildrenPage")]
public sealed record ChildrenPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<ChildRollup> Items);
