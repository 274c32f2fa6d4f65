using Platform.Domain.Hierarchy;

namespace Platform.Domain.Rollups;

/// <summary>
/// A node's book of its children's rollups. Keeps the running total exact with one subtraction and one addition per
/// report, and the sum of the children's versions, from which the node derives its own version:
/// <c>retired + own + Σ child versions</c>. That sum only grows: a report raises a child's version, an attach adds a
/// child at version 0, and a detach moves the child's version (plus one) into <see cref="RetiredVersions"/>. So a node's
/// version never goes backwards, even after a restart that rebuilds the ledger from its children.
/// </summary>
public sealed class RollupLedger
{
    private readonly Dictionary<string, ChildRollup> _children = new(StringComparer.Ordinal);

    public RollupLedger(long retiredVersions = 0, IEnumerable<ChildRollup>? children = null)
    {
        RetiredVersions = retiredVersions;
        foreach (var child in children ?? [])
        {
            if (!_children.TryAdd(child.Code, child))
            {
                throw new ArgumentException($"child '{child.Code}' appears twice", nameof(children));
            }

            Total += child.Summary;
            ChildVersions += child.Version;
        }
    }

    /// <summary>The sum of every child's summary.</summary>
    public Summary Total { get; private set; } = Summary.Zero;

    public long ChildVersions { get; private set; }

    /// <summary>Versions of children that have left, kept so the node's version stays monotonic.</summary>
    public long RetiredVersions { get; private set; }

    public int Count => _children.Count;

    public IReadOnlyCollection<string> Codes => _children.Keys;

    public IEnumerable<ChildRollup> Children => _children.Values;

    public bool Contains(string code) => _children.ContainsKey(code);

    public ChildRollup? Find(string code) => _children.GetValueOrDefault(code);

    /// <summary>Adds a child not yet heard from. Returns false when it was already attached.</summary>
    public bool Attach(string code, NodeKind kind, string name) =>
        _children.TryAdd(code, ChildRollup.Placeholder(code, kind, name));

    /// <summary>Takes a child's report when the child is attached and the report is newer than the one held.</summary>
    public bool Apply(ChildRollup report)
    {
        if (!_children.TryGetValue(report.Code, out var held) || report.Version <= held.Version)
        {
            return false;
        }

        _children[report.Code] = report;
        Total = Total - held.Summary + report.Summary;
        ChildVersions += report.Version - held.Version;
        return true;
    }

    /// <summary>Removes a child that moved away or closed. Returns false when it was not attached.</summary>
    public bool Detach(string code)
    {
        if (!_children.Remove(code, out var held))
        {
            return false;
        }

        Total -= held.Summary;
        ChildVersions -= held.Version;
        RetiredVersions += held.Version + 1;
        return true;
    }
}
