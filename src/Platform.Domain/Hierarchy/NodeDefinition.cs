namespace Platform.Domain.Hierarchy;

/// <summary>
/// What an import row (or an API call) says a node is. The node's grain owns it; its parent only learns the code,
/// kind and name through the node's rollup reports.
/// </summary>
/// <param name="ParentCode">Null only for the province, the root of a tenant.</param>
/// <param name="School">Set for schools only.</param>
/// <param name="Covers">For a joint branch: the codes of the schools it covers (联合党支部覆盖的学校).</param>
/// <param name="Members">正式党员 registered directly in this organisation.</param>
/// <param name="ProbationaryMembers">预备党员 registered directly in this organisation.</param>
[GenerateSerializer, Immutable, Alias("NodeDefinition")]
public sealed record NodeDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] NodeKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] SchoolProfile? School = null,
    [property: Id(5)] IReadOnlyList<string>? Covers = null,
    [property: Id(6)] int Members = 0,
    [property: Id(7)] int ProbationaryMembers = 0)
{
    public IReadOnlyList<string> CoveredSchools => Covers ?? [];

    /// <summary>Value equality including the covered schools, so a re-import of the same row is recognised as unchanged.</summary>
    public bool SameAs(NodeDefinition other) =>
        this with { Covers = null } == other with { Covers = null } && CoveredSchools.SequenceEqual(other.CoveredSchools);
}
