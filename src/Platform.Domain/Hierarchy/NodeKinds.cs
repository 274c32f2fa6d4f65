using System.Collections.Frozen;

namespace Platform.Domain.Hierarchy;

/// <summary>The rules of the hierarchy: names, which kinds may hold which, and which are rated.</summary>
public static class NodeKinds
{
    private static readonly FrozenDictionary<string, NodeKind> ByName = new Dictionary<string, NodeKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["province"] = NodeKind.Province, ["省"] = NodeKind.Province,
        ["city"] = NodeKind.City, ["市"] = NodeKind.City, ["市州"] = NodeKind.City,
        ["county"] = NodeKind.County, ["县"] = NodeKind.County, ["县市区"] = NodeKind.County, ["区"] = NodeKind.County,
        ["school"] = NodeKind.School, ["学校"] = NodeKind.School,
        ["partyCommittee"] = NodeKind.PartyCommittee, ["党委"] = NodeKind.PartyCommittee,
        ["generalBranch"] = NodeKind.GeneralBranch, ["党总支"] = NodeKind.GeneralBranch,
        ["branch"] = NodeKind.Branch, ["党支部"] = NodeKind.Branch,
        ["jointBranch"] = NodeKind.JointBranch, ["联合党支部"] = NodeKind.JointBranch,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The API spelling of every kind, in hierarchy order.</summary>
    public static IReadOnlyList<string> ApiNames { get; } = Enum.GetValues<NodeKind>().Select(k => k.ToApiName()).ToArray();

    public static bool TryParse(string? text, out NodeKind kind) => ByName.TryGetValue(text?.Trim() ?? "", out kind);

    public static string ToApiName(this NodeKind kind) => kind switch
    {
        NodeKind.Province => "province",
        NodeKind.City => "city",
        NodeKind.County => "county",
        NodeKind.School => "school",
        NodeKind.PartyCommittee => "partyCommittee",
        NodeKind.GeneralBranch => "generalBranch",
        NodeKind.Branch => "branch",
        NodeKind.JointBranch => "jointBranch",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind as a reader of a report or an import file calls it (市州, 县市区, 党支部); <see cref="TryParse"/> reads it back.</summary>
    public static string ToChinese(this NodeKind kind) => kind switch
    {
        NodeKind.Province => "省",
        NodeKind.City => "市州",
        NodeKind.County => "县市区",
        NodeKind.School => "学校",
        NodeKind.PartyCommittee => "党委",
        NodeKind.GeneralBranch => "党总支",
        NodeKind.Branch => "党支部",
        NodeKind.JointBranch => "联合党支部",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool IsRegion(this NodeKind kind) => kind is NodeKind.Province or NodeKind.City or NodeKind.County;

    public static bool IsOrganisation(this NodeKind kind) => kind >= NodeKind.PartyCommittee;

    /// <summary>Branches and joint branches are the units that are assessed and rated (评星定级).</summary>
    public static bool IsRated(this NodeKind kind) => kind is NodeKind.Branch or NodeKind.JointBranch;

    /// <summary>
    /// Whether a node of kind <paramref name="child"/> may sit directly under one of kind <paramref name="parent"/>.
    /// Counties may hang off the province (省直管县); schools off any region (省属、市属 schools); a joint branch
    /// off a region or a host school, because it covers schools rather than belonging to one.
    /// A parent always comes earlier in <see cref="NodeKind"/> than its child, so no move can ever make a cycle.
    /// </summary>
    public static bool CanHold(this NodeKind parent, NodeKind child) => child switch
    {
        NodeKind.Province => false,
        NodeKind.City => parent == NodeKind.Province,
        NodeKind.County => parent is NodeKind.Province or NodeKind.City,
        NodeKind.School => parent.IsRegion(),
        NodeKind.PartyCommittee => parent == NodeKind.School,
        NodeKind.GeneralBranch => parent is NodeKind.School or NodeKind.PartyCommittee,
        NodeKind.Branch => parent is NodeKind.School or NodeKind.PartyCommittee or NodeKind.GeneralBranch,
        NodeKind.JointBranch => parent.IsRegion() || parent == NodeKind.School,
        _ => false,
    };

    /// <summary>A kind may change in place only within its family: a branch grows into a general branch (升格), not into a school.</summary>
    public static bool CanBecome(this NodeKind from, NodeKind to) =>
        from == to || (from.IsOrganisation() && to.IsOrganisation());
}
