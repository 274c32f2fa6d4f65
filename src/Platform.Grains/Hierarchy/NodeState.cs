using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;
using Platform.Domain.Standing;

namespace Platform.Grains.Hierarchy;

/// <summary>
/// What a node keeps in storage. Immutable: the grain builds a new snapshot for every write, so a write in flight never
/// races with the next request that changes the grain.
/// </summary>
[GenerateSerializer, Alias("NodeState")]
public sealed record NodeState
{
    [Id(0)] public NodeDefinition? Definition { get; init; }

    [Id(1)] public bool Closed { get; init; }

    /// <summary>Bumped by every change to the node's own facts; part of the version it reports.</summary>
    [Id(2)] public long OwnVersion { get; init; }

    /// <summary>For a school: the joint branches covering it.</summary>
    [Id(6)] public IReadOnlyList<string> CoveredBy { get; init; } = [];

    [Id(7)] public long RetiredVersions { get; init; }

    /// <summary>Regions keep their children's rollups; other nodes keep only who their children are and rebuild the
    /// rest from them on activation, which is cheap for a handful of children and saves a write per report.</summary>
    [Id(8)] public IReadOnlyList<ChildRollup> Children { get; init; } = [];

    /// <summary>True only when written by a clean deactivation: the stored children's rollups are then complete.</summary>
    [Id(9)] public bool Clean { get; init; }

    /// <summary>The parent this node left and has not yet confirmed leaving; re-driven on activation.</summary>
    [Id(10)] public string? PendingDetachFrom { get; init; }

    [Id(11)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The definition's ETag: bumped by every change to what the node is and where it sits (define, move, close).</summary>
    [Id(13)] public int Revision { get; init; }

    /// <summary>For a branch or joint branch: the standing rating and every change to it.</summary>
    [Id(14)] public StandingAssessment Standing { get; init; } = StandingAssessment.None;
}
