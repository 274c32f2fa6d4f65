using Platform.Domain.Rollups;

namespace Platform.Contracts.Hierarchy;

/// <summary>
/// A child's answer when its parent rebuilds its ledger: where the child believes it belongs and its durable rollup.
/// A parent drops a child that no longer exists, is closed, or names another parent.
/// </summary>
[GenerateSerializer, Immutable, Alias("RollupProbe")]
public sealed record RollupProbe(
    [property: Id(0)] bool Exists,
    [property: Id(1)] bool Closed,
    [property: Id(2)] string? ParentCode,
    [property: Id(3)] ChildRollup? Rollup);
