using System.Collections.Concurrent;

namespace Platform.Grains.Hierarchy;

/// <summary>
/// This silo's nodes whose parent has not yet taken their latest rollup, and whether the silo is draining them before
/// it stops. A region may mark its stored ledger clean (trusted without a rebuild on the next start) only when nothing
/// below it can still be on its way: while the silo runs, a late report reactivates the region and is applied; once
/// the silo stops, a report to a grain that is no longer active is refused and lost, so a clean mark written then
/// would hide it until every branch below happened to be read again.
/// </summary>
public sealed class ReportDrain
{
    private readonly ConcurrentDictionary<string, object> _pending = new(StringComparer.Ordinal);

    /// <summary>The silo is stopping: nodes refuse new changes and flush what they hold.</summary>
    public bool Draining { get; private set; }

    /// <summary>The drain ended with every report delivered.</summary>
    public bool Drained { get; private set; }

    /// <summary>Whether a region deactivating now may store its ledger as complete.</summary>
    public bool AllowsCleanCheckpoint => !Draining || (Drained && _pending.IsEmpty);

    public int PendingCount => _pending.Count;

    public IReadOnlyCollection<string> PendingKeys => _pending.Keys.ToArray();

    /// <param name="owner">The activation that holds the report, so a late acknowledgement to an old activation never
    /// clears the mark of a newer one.</param>
    public void Pending(string grainKey, object owner) => _pending[grainKey] = owner;

    public void Delivered(string grainKey, object owner) => _pending.TryRemove(new KeyValuePair<string, object>(grainKey, owner));

    internal void BeginDraining() => Draining = true;

    internal void EndDraining(bool drained) => Drained = drained;
}
