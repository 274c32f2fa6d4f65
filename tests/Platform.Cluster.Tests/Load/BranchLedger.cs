using System.Collections.Concurrent;
using System.Text.Json;

namespace Platform.Cluster.Tests.Load;

/// <summary>
/// What the clients were told about each branch: the last acknowledged assessment (a 2xx with its revision and values)
/// and every submission sent after it that got no answer or a 5xx, which the platform may or may not have applied. The
/// stored assessment must be the acknowledged one or one of those later attempts: anything else lost an acknowledged
/// write. Each branch is written by one writer at a time, so its record is never updated concurrently.
/// </summary>
internal sealed class BranchLedger
{
    private readonly ConcurrentDictionary<string, BranchRecord> _branches = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Codes => _branches.Keys.ToArray();

    public BranchRecord this[string code] => _branches.GetOrAdd(code, _ => new BranchRecord());

    /// <summary>Acknowledged writes that the stored assessments no longer show, one line each; empty when none is lost.</summary>
    public IReadOnlyList<string> LostWrites(IReadOnlyDictionary<string, JsonElement> stored) =>
        _branches.Select(b => b.Value.Check(b.Key, stored.TryGetValue(b.Key, out var found) ? found : null))
            .OfType<string>()
            .ToList();

    public int Acknowledged => _branches.Values.Count(b => b.Acknowledged is not null);
}

/// <summary>One branch's record in the <see cref="BranchLedger"/>.</summary>
internal sealed class BranchRecord
{
    private readonly List<StoredValues> _unanswered = [];

    /// <summary>The revision and values last acknowledged (or, after a 412, read back and found to be one of the
    /// unanswered attempts); null before any.</summary>
    public (int Revision, StoredValues Values)? Acknowledged { get; private set; }

    /// <summary>Submissions sent after <see cref="Acknowledged"/> without a clear answer.</summary>
    public IReadOnlyList<StoredValues> Unanswered => _unanswered;

    /// <summary>The revision to quote in If-Match: the one the client last knew the branch at.</summary>
    public int? KnownRevision { get; private set; }

    public void Acknowledge(int revision, StoredValues values)
    {
        Acknowledged = (revision, values);
        KnownRevision = revision;
        _unanswered.Clear();
    }

    public void NoAnswer(StoredValues attempted) => _unanswered.Add(attempted);

    /// <summary>After a 412 the client reads the branch again: what it reads must be accounted for, and becomes what the
    /// client knows (the unanswered attempt it shows was applied after all).</summary>
    /// <returns>Why the read shows a lost write, or null.</returns>
    public string? Reread(string code, JsonElement? stored)
    {
        if (Check(code, stored) is { } lost)
        {
            return lost;
        }

        if (stored is { } found)
        {
            Acknowledge(found.GetProperty("revision").GetInt32(), StoredValues.Read(found));
        }

        return null;
    }

    /// <summary>Null when <paramref name="stored"/> is what the ledger allows; otherwise what was lost.</summary>
    public string? Check(string code, JsonElement? stored)
    {
        var values = stored is { } found ? StoredValues.Read(found) : null;
        var revision = stored?.GetProperty("revision").GetInt32();
        if (Acknowledged is not { } acknowledged)
        {
            return values is null || _unanswered.Any(values.SameAs)
                ? null
                : $"{code} stores {values} at revision {revision}, which no client sent";
        }

        if (values is null)
        {
            return $"{code} stores no assessment; revision {acknowledged.Revision} ({acknowledged.Values}) was acknowledged";
        }

        if (revision == acknowledged.Revision && values.SameAs(acknowledged.Values))
        {
            return null;
        }

        if (revision > acknowledged.Revision && revision - acknowledged.Revision <= _unanswered.Count && _unanswered.Any(values.SameAs))
        {
            return null;
        }

        return $"{code} stores {values} at revision {revision}; revision {acknowledged.Revision} ({acknowledged.Values}) was acknowledged"
            + $" and {_unanswered.Count} later submissions got no answer";
    }
}
