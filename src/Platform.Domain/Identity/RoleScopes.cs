using Platform.Domain.Hierarchy;

namespace Platform.Domain.Identity;

/// <summary>
/// Which kind of node each role's scope is (管辖范围): a tenant admin the province, a region admin a city or county, a
/// branch secretary a branch or joint branch, a reviewer the city whose reviewers it belongs to (campaigns assign
/// branches to a city's reviewers), a viewer any node. The operator has no scope: it stands outside tenants.
/// </summary>
public static class RoleScopes
{
    public static IReadOnlyList<NodeKind> KindsFor(Role role) => role switch
    {
        Role.Operator => [],
        Role.TenantAdmin => [NodeKind.Province],
        Role.RegionAdmin => [NodeKind.City, NodeKind.County],
        Role.BranchSecretary => [NodeKind.Branch, NodeKind.JointBranch],
        Role.Reviewer => [NodeKind.City],
        Role.Viewer => Enum.GetValues<NodeKind>(),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Why a node of <paramref name="kind"/> cannot be the scope of <paramref name="role"/>; null when it can.</summary>
    public static string? Problem(Role role, NodeKind kind)
    {
        var kinds = KindsFor(role);
        if (kinds.Contains(kind))
        {
            return null;
        }

        return role == Role.Operator
            ? "the operator stands outside tenants and takes no scope"
            : $"a {role.ToApiName()}'s scope must be a {string.Join(" or ", kinds.Select(k => k.ToApiName()))}, not a {kind.ToApiName()}";
    }

    /// <summary>Whether <paramref name="role"/> may be given to an account inside a tenant.</summary>
    public static bool IsTenantRole(Role role) => role != Role.Operator;
}
