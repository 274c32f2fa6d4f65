namespace Platform.Contracts.Hierarchy;

/// <summary>What defining a node did; an import reports it per row.</summary>
public enum NodeChange
{
    Created = 0,
    Updated = 1,
    Unchanged = 2,
}
