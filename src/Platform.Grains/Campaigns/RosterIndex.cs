using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>The roster looked up by branch, school and progress-tree node; rebuilt in memory on activation.</summary>
internal sealed class RosterIndex
{
    private readonly Dictionary<string, RosterBranch> _branches;
    private readonly ILookup<string, RosterBranch> _bySchool;
    private readonly Dictionary<string, RosterUnit> _units;
    private readonly ILookup<string, RosterUnit> _unitChildren;
    private readonly ILookup<string, RosterBranch> _branchChildren;

    private RosterIndex(CampaignRoster roster)
    {
        _branches = roster.Branches.ToDictionary(b => b.Code, StringComparer.Ordinal);
        _bySchool = roster.Branches.Where(b => b.SchoolCode is not null).ToLookup(b => b.SchoolCode!, StringComparer.Ordinal);
        _units = roster.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _unitChildren = roster.Units.ToLookup(u => u.ParentCode, StringComparer.Ordinal);
        _branchChildren = roster.Branches.ToLookup(b => b.TallyParent, StringComparer.Ordinal);
        BranchParents = roster.Branches.Select(b => b.TallyParent).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The schools and regions that hold branches directly.</summary>
    public IReadOnlyList<string> BranchParents { get; }

    public static RosterIndex Build(CampaignRoster roster) => new(roster);

    public RosterBranch? Branch(string code) => _branches.GetValueOrDefault(code);

    public IReadOnlyList<RosterBranch> SchoolBranches(string school) => _bySchool[school].ToArray();

    public TallyNode? TallyNode(string code)
    {
        var children = _unitChildren[code].Select(u => TallyChild.Placeholder(u.Code, u.Name, false))
            .Concat(_branchChildren[code].Select(b => TallyChild.Placeholder(b.Code, b.Name, true)))
            .ToArray();
        if (code == CampaignRoster.ScopeRoot)
        {
            return _units.Count == 0 ? null : new TallyNode(code, "全部参评范围", null, null, children);
        }

        return _units.TryGetValue(code, out var unit) ? new TallyNode(unit.Code, unit.Name, unit.Kind, unit.ParentCode, children) : null;
    }
}
