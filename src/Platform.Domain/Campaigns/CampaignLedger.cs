namespace Platform.Domain.Campaigns;

/// <summary>
/// A school's or region's book of its children's campaign tallies. The children are fixed when the campaign opens
/// (the roster), so unlike the hierarchy's ledger nothing attaches or detaches: a report replaces a child's tally
/// only when it is newer, and the node's own version is the sum of its children's, which therefore only grows.
/// </summary>
public sealed class CampaignLedger
{
    private readonly Dictionary<string, TallyChild> _children = new(StringComparer.Ordinal);

    public CampaignLedger(IEnumerable<TallyChild> children)
    {
        foreach (var child in children)
        {
            if (!_children.TryAdd(child.Code, child))
            {
                throw new ArgumentException($"child '{child.Code}' appears twice", nameof(children));
            }

            Total += child.Tally;
            Version += child.Version;
        }
    }

    public CampaignTally Total { get; private set; } = CampaignTally.Zero;

    public long Version { get; private set; }

    public IEnumerable<TallyChild> Children => _children.Values;

    public IReadOnlyCollection<string> Codes => _children.Keys;

    /// <summary>Takes a child's report when the child belongs here and the report is newer than the one held.</summary>
    public bool Apply(TallyChild report)
    {
        if (!_children.TryGetValue(report.Code, out var held) || report.Version <= held.Version)
        {
            return false;
        }

        _children[report.Code] = report;
        Total = Total - held.Tally + report.Tally;
        Version += report.Version - held.Version;
        return true;
    }
}
