namespace Platform.Domain.Identity;

/// <summary>
/// What an account is for (角色). Every role but <see cref="Operator"/> belongs to one tenant and one scope node, and sees
/// that node's subtree and nothing else (docs/domain.md §1).
/// </summary>
public enum Role
{
    /// <summary>Runs the deployment: creates, lists, suspends and resumes tenants; sees no tenant's data (平台运维).</summary>
    Operator,

    /// <summary>The provincial education work committee (省委教育工委): the whole province.</summary>
    TenantAdmin,

    /// <summary>A city's or county's education work committee (市州/县市区教育工委): its own subtree.</summary>
    RegionAdmin,

    /// <summary>A branch's secretary (支部书记): one branch.</summary>
    BranchSecretary,

    /// <summary>A campaign inspector (评审): the branches assigned to it, while the assignment is open.</summary>
    Reviewer,

    /// <summary>Leaders (领导): dashboards and exports, read-only.</summary>
    Viewer,
}
