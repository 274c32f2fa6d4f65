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
/// <param name="Omitted">Fields the row left out, which <see cref="Over"/> fills from the stored node; a stored or
/// complete definition omits none.</param>
[GenerateSerializer, Immutable, Alias("NodeDefinition")]
public sealed record NodeDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] NodeKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] SchoolProfile? School = null,
    [property: Id(5)] IReadOnlyList<string>? Covers = null,
    [property: Id(6)] int Members = 0,
    [property: Id(7)] int ProbationaryMembers = 0,
    [property: Id(8)] NodeFields Omitted = NodeFields.None)
{
    public IReadOnlyList<string> CoveredSchools => Covers ?? [];

    /// <summary>Value equality including the covered schools, so a re-import of the same row is recognised as unchanged.</summary>
    public bool SameAs(NodeDefinition other) =>
        this with { Covers = null } == other with { Covers = null } && CoveredSchools.SequenceEqual(other.CoveredSchools);

    /// <summary>
    /// This definition with every omitted field taken from <paramref name="stored"/>, the node as it is, or from the
    /// default when there is none (a new node) or it does not have the field (a school's profile on a node that was
    /// not a school): an empty cell never changes what is stored.
    /// </summary>
    public NodeDefinition Over(NodeDefinition? stored)
    {
        if (Omitted == NodeFields.None)
        {
            return this;
        }

        bool Kept(NodeFields field) => (Omitted & field) != 0;
        var school = School;
        if (school is not null && stored?.School is { } storedSchool)
        {
            school = new SchoolProfile(
                Kept(NodeFields.Stage) ? storedSchool.Stage : school.Stage,
                Kept(NodeFields.Ownership) ? storedSchool.IsPrivate : school.IsPrivate,
                Kept(NodeFields.Location) ? storedSchool.IsRural : school.IsRural);
        }

        return this with
        {
            School = school,
            Covers = Kept(NodeFields.Covers) && stored is not null && stored.Kind == Kind ? stored.Covers : Covers,
            Members = Kept(NodeFields.Members) && stored is not null && Kind.IsOrganisation() ? stored.Members : Members,
            ProbationaryMembers = Kept(NodeFields.ProbationaryMembers) && stored is not null && Kind.IsOrganisation() ? stored.ProbationaryMembers : ProbationaryMembers,
            Omitted = NodeFields.None,
        };
    }
}
