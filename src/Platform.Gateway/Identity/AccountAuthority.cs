using Platform.Contracts.Identity;
using Platform.Domain.Identity;
using Platform.Contracts.Hierarchy;

namespace Platform.Gateway.Identity;

/// <summary>
/// Who administers which accounts (账号管理权限): a tenant admin every account of its tenant; a region admin the accounts
/// scoped inside its subtree, but never an admin at or above its own node; nobody else any.
/// </summary>
public sealed class AccountAuthority(NodeAncestry ancestry)
{
    /// <summary>Whether <paramref name="caller"/> administers accounts in <paramref name="tenant"/> at all.</summary>
    public static bool AdministersAccounts(Caller caller, string tenant) =>
        caller.Tenant == tenant && caller.Role is Role.TenantAdmin or Role.RegionAdmin;

    /// <summary>Why <paramref name="caller"/> may not administer an account of <paramref name="role"/> scoped at
    /// <paramref name="scopeCode"/>; null when it may.</summary>
    public async Task<string?> RefusalAsync(Caller caller, string tenant, Role role, string? scopeCode)
    {
        if (!AdministersAccounts(caller, tenant))
        {
            return $"only tenant '{tenant}''s admins manage its accounts";
        }

        if (caller.Role == Role.TenantAdmin)
        {
            return null;
        }

        if (role == Role.TenantAdmin || scopeCode is null || caller.ScopeCode is null)
        {
            return "a region admin manages only the accounts inside its own region, never a tenant admin";
        }

        if (role == Role.RegionAdmin && scopeCode == caller.ScopeCode)
        {
            return $"a region admin cannot manage another admin of its own region '{scopeCode}'; ask an admin above it";
        }

        return await ancestry.IsWithinAsync(tenant, scopeCode, caller.ScopeCode)
            ? null
            : $"'{scopeCode}' is outside your region '{caller.ScopeCode}': you manage only the accounts inside it";
    }
}
