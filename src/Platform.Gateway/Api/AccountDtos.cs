using System.ComponentModel.DataAnnotations;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Gateway.Api;

/// <param name="Role">tenantAdmin, regionAdmin, branchSecretary, reviewer or viewer.</param>
/// <param name="ScopeCode">The node whose subtree the account sees: the province for a tenant admin, a city or county for
/// a region admin, a branch for a branch secretary, a city for a reviewer, any node for a viewer.</param>
public sealed record CreateAccountRequest([property: Required] string? Username, string? DisplayName, [property: Required] string? Role, [property: Required] string? ScopeCode);

public sealed record AccountDto(
    string AccountId, string Username, string DisplayName, string Role, string? ScopeCode,
    bool MustChangePassword, bool Suspended, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt)
{
    public static AccountDto From(AccountView view) => new(
        view.AccountId, view.Username, view.DisplayName, view.Role.ToApiName(), view.ScopeCode,
        view.MustChangePassword, view.Suspended, view.LockedUntil, view.CreatedAt);
}

/// <summary>An account just created or reset, with its one-time password: shown this once, never stored.</summary>
public sealed record AccountWithPasswordDto(AccountDto Account, string OneTimePassword);

public sealed record AccountPageDto(int Page, int PageSize, int Total, IReadOnlyList<AccountDto> Accounts);
