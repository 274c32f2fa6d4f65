using Platform.Contracts.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>Created, updated and unchanged rows, counted from concurrent rows.</summary>
internal sealed class AppliedCounts
{
    private int _created;
    private int _updated;
    private int _unchanged;

    public int Created => _created;
    public int Updated => _updated;
    public int Unchanged => _unchanged;

    public void Count(NodeChange change)
    {
        switch (change)
        {
            case NodeChange.Created:
                Interlocked.Increment(ref _created);
                break;
            case NodeChange.Updated:
                Interlocked.Increment(ref _updated);
                break;
            default:
                Interlocked.Increment(ref _unchanged);
                break;
        }
    }
}
