namespace Platform.Domain.Hierarchy;

/// <summary>The optional fields of a <see cref="NodeDefinition"/> that a row may leave out (留空): a field left out keeps
/// the value the node already has, or takes the default for a new node.</summary>
[Flags]
[GenerateSerializer, Alias("NodeFields")]
public enum NodeFields
{
    None = 0,
    Stage = 1,
    Ownership = 2,
    Location = 4,
    Covers = 8,
    Members = 16,
    ProbationaryMembers = 32,
}
