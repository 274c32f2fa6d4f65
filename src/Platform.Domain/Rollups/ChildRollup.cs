using Platform.Domain.Hierarchy;

namespace Platform.Domain.Rollups;

/// <summary>
/// A child's rollup as its parent holds it: the child's summary at a version. Versions only grow, so a parent can
/// take a report only when it is newer and duplicates or late deliveries never count twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChildRollup")]
public sealed record ChildRollup(
    [property: Id(0)] string Code,
    [property: Id(1)] NodeKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] long Version,
    [property: Id(4)] Summary Summary)
{
    /// <summary>What a parent holds for a child it has attached but not yet heard from.</summary>
    public static ChildRollup Placeholder(string code, NodeKind kind, string name) => new(code, kind, name, 0, Summary.Zero);
}
