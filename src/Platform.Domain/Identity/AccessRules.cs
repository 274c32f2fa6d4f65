using Platform.Domain.Campaigns;

namespace Platform.Domain.Identity;

/// <summary>
/// Who may do what, and where (权限): the permission matrix of docs/domain.md §1, shared by the gateway, which checks
/// every route before any grain is called, and by the grains that change official data, which check again.
/// <list type="bullet">
/// <item>Every account of a tenant reads what lies in its scope node's subtree, and what belongs to the tenant as a whole
/// (its framework, its campaigns' definitions); province-wide reports need a province-wide account.</item>
/// <item>A tenant admin makes every administrative write of its tenant; a region admin those of its subtree except the
/// framework, imports, corrections and running campaigns; a branch secretary self-assesses and appeals for its own
/// branch; a reviewer cross-checks the branches assigned to its city while the check is open; a viewer writes nothing.</item>
/// <item>The platform operator manages tenants and sees no tenant's data; the platform's own work (deadlines, final,
/// the demo seed) may do anything inside the tenant it runs for.</item>
/// </list>
/// </summary>
public static class AccessRules
{
    private static readonly Role[] Everyone = [Role.TenantAdmin, Role.RegionAdmin, Role.BranchSecretary, Role.Reviewer, Role.Viewer];
    private static readonly Role[] Admins = [Role.TenantAdmin, Role.RegionAdmin];
    private static readonly Role[] TenantAdmin = [Role.TenantAdmin];

    /// <summary>The roles that may do <paramref name="operation"/> (where is a matter of their scope).</summary>
    public static IReadOnlyList<Role> RolesFor(Operation operation) => operation switch
    {
        Operation.Read or Operation.ReadTenantWide => Everyone,
        Operation.ReadProvinceWide => [Role.TenantAdmin, Role.Viewer],
        Operation.ManageTenants => [Role.Operator],
        Operation.ChangeTenant or Operation.PublishFramework or Operation.ImportHierarchy or Operation.CorrectRating
            or Operation.CreateCampaign or Operation.AdvanceCampaign => TenantAdmin,
        Operation.MoveNode or Operation.CloseNode or Operation.RecordBaseline or Operation.RecordVeto
            or Operation.Review or Operation.DecideAppeal or Operation.ManageAccounts or Operation.ReadAudit => Admins,
        Operation.SelfAssess or Operation.Appeal => [Role.BranchSecretary],
        Operation.CrossCheck => [Role.Reviewer],
        Operation.FinaliseResults => [],
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>Whether <paramref name="role"/> may do <paramref name="operation"/> at all. The platform's own work
    /// (<paramref name="platform"/>: deadlines, final, the demo seed) may do anything, inside the one tenant it runs for.</summary>
    public static bool Permits(Role role, Operation operation, bool platform = false) =>
        platform || RolesFor(operation).Contains(role);

    /// <summary>Whether the operation changes something.</summary>
    public static bool IsWrite(Operation operation) =>
        operation is not (Operation.Read or Operation.ReadTenantWide or Operation.ReadProvinceWide or Operation.ReadAudit);

    /// <summary>Why <paramref name="role"/> may not do <paramref name="operation"/>, saying who may.</summary>
    public static string Refusal(Role role, Operation operation)
    {
        var roles = RolesFor(operation);
        var who = roles.Count == 0
            ? "only the platform itself does that"
            : $"that is for a {string.Join(" or a ", roles.Select(r => r.ToApiName()))}";
        return role == Role.Operator && operation != Operation.ManageTenants
            ? "the platform operator manages tenants and sees none of their data; sign in with an account of the tenant"
            : $"a {role.ToApiName()} may not {Describe(operation)}: {who}";
    }

    /// <summary>The operation as a verb phrase, for messages and the API reference.</summary>
    public static string Describe(Operation operation) => operation switch
    {
        Operation.Read => "read this",
        Operation.ReadTenantWide => "read the tenant's shared data",
        Operation.ReadProvinceWide => "read province-wide reports",
        Operation.ManageTenants => "create, suspend or resume tenants",
        Operation.ChangeTenant => "change the tenant",
        Operation.PublishFramework => "publish a framework version",
        Operation.ImportHierarchy => "import the hierarchy",
        Operation.MoveNode => "move a node",
        Operation.CloseNode => "close a node",
        Operation.RecordBaseline => "record a baseline assessment",
        Operation.RecordVeto => "record a veto event",
        Operation.CorrectRating => "correct an official rating",
        Operation.CreateCampaign => "create a campaign",
        Operation.AdvanceCampaign => "advance a campaign",
        Operation.SelfAssess => "submit a branch's self-assessment",
        Operation.Review => "review a branch",
        Operation.CrossCheck => "cross-check a branch",
        Operation.Appeal => "appeal a branch's result",
        Operation.DecideAppeal => "decide an appeal",
        Operation.ManageAccounts => "manage accounts",
        Operation.ReadAudit => "read the audit log",
        Operation.FinaliseResults => "make campaign results official",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>Whether the role sees its whole tenant whatever its scope node, so no lookup of where a node lies is needed.</summary>
    public static bool SeesWholeTenant(Role role) => role == Role.TenantAdmin;

    /// <summary>Whether an account scoped at <paramref name="scopeCode"/> covers the node whose codes from the province
    /// down to itself are <paramref name="path"/> (null: there is no such open node, which nobody's scope covers).</summary>
    public static bool Covers(Role role, string? scopeCode, IReadOnlyList<string>? path) =>
        path is not null && (SeesWholeTenant(role) || (scopeCode is not null && path.Contains(scopeCode, StringComparer.Ordinal)));

    /// <summary>Whether the account sees the whole province: a tenant admin, or an account scoped at the province itself
    /// (its scope node's path is the province alone).</summary>
    public static bool IsProvinceWide(Role role, IReadOnlyList<string>? scopePath) =>
        SeesWholeTenant(role) || scopePath is { Count: 1 };

    /// <summary>Whether an account scoped at <paramref name="scopeCode"/> covers a campaign's branch by where the roster
    /// placed it when the campaign opened: the branch itself, its school, its supervising region, county or city.</summary>
    public static bool Covers(Role role, string? scopeCode, RosterBranch branch) =>
        SeesWholeTenant(role)
        || (scopeCode is not null
            && (scopeCode == branch.Code || scopeCode == branch.SchoolCode || scopeCode == branch.SupervisorCode
                || scopeCode == branch.CountyCode || scopeCode == branch.CityCode));

    /// <summary>Whether a reviewer scoped at <paramref name="reviewerCity"/> is the one assigned a branch that the draw
    /// gave to <paramref name="assignedCity"/>, while the cross-check is open.</summary>
    public static bool HoldsOpenAssignment(string? reviewerCity, string? assignedCity, CampaignStage stage) =>
        stage == CampaignStage.CrossCheck && reviewerCity is not null && reviewerCity == assignedCity;
}
