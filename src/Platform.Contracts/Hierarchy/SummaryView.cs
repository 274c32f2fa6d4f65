using Platform.Domain.Rollups;

namespace Platform.Contracts.Hierarchy;

/// <summary>A node's rollup, the version it is at, and when it last changed.</summary>
[GenerateSerializer, Immutable, Alias("SummaryView")]
public sealed record SummaryView(
    [property: Id(0)] Summary Summary,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset UpdatedAt);
