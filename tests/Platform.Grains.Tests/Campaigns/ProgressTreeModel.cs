using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;

namespace Platform.Grains.Tests.Campaigns;

/// <summary>
/// A campaign's progress tree as the test derives it from the hierarchy it defined, independently of the roster
/// builder: the regions and schools are its nodes, and a branch counts under every one of them above it. Assumes the
/// campaign's scope is the whole generated province.
/// </summary>
internal sealed class ProgressTreeModel
{
    private readonly Dictionary<string, NodeDefinition> _byCode;
    private readonly Dictionary<string, IReadOnlyList<string>> _unitsAbove = new(StringComparer.Ordinal);

    public ProgressTreeModel(IEnumerable<NodeDefinition> definitions)
    {
        _byCode = definitions.ToDictionary(d => d.Code, StringComparer.Ordinal);
        Branches = _byCode.Values.Where(d => d.Kind.IsRated()).Select(d => d.Code).Order(StringComparer.Ordinal).ToList();
        Units = _byCode.Values.Where(d => IsUnit(d.Kind)).Select(d => d.Code).Order(StringComparer.Ordinal).ToList();
        Nodes = [CampaignRoster.ScopeRoot, .. Units];
        foreach (var code in Branches.Concat(Units))
        {
            var above = new List<string>();
            for (var parent = _byCode[code].ParentCode; parent is not null; parent = _byCode[parent].ParentCode)
            {
                if (IsUnit(_byCode[parent].Kind))
                {
                    above.Add(parent);
                }
            }

            _unitsAbove[code] = above;
        }
    }

    public IReadOnlyList<string> Branches { get; }

    /// <summary>Regions and schools: every node of the tree but the campaign-wide root.</summary>
    public IReadOnlyList<string> Units { get; }

    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The node a branch's or unit's tally reports to: its nearest region or school, or the root.</summary>
    public string ParentOf(string code) => _unitsAbove[code] is [var nearest, ..] ? nearest : CampaignRoster.ScopeRoot;

    /// <summary>The nearest node of <paramref name="kind"/> above <paramref name="code"/>, if any.</summary>
    public string? Nearest(string code, NodeKind kind) => _unitsAbove[code].FirstOrDefault(u => _byCode[u].Kind == kind);

    public IEnumerable<string> UnitsOf(NodeKind kind) => Units.Where(u => _byCode[u].Kind == kind);

    public IEnumerable<string> BranchesUnder(string node) =>
        node == CampaignRoster.ScopeRoot ? Branches : Branches.Where(b => _unitsAbove[b].Contains(node));

    public IEnumerable<string> ChildrenOf(string node) => Units.Concat(Branches).Where(c => ParentOf(c) == node);

    private static bool IsUnit(NodeKind kind) => kind.IsRegion() || kind == NodeKind.School;
}
