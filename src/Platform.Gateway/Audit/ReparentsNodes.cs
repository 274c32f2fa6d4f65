namespace Platform.Gateway.Audit;

/// <summary>Marks a write route that can move nodes (a move, an import), so the audit records where the node was as well
/// as where it is, and forgets the parents it remembered.</summary>
internal sealed class ReparentsNodes
{
    public static readonly ReparentsNodes Instance = new();

    private ReparentsNodes()
    {
    }
}
