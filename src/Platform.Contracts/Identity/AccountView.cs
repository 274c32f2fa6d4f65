using Platform.Domain.Identity;

namespace Platform.Contracts.Identity;

/// <summary>An account as it may be shown: everything but its password hash and sessions.</summary>
[GenerateSerializer, Immutable, Alias("AccountView")]
public sealed record AccountView(
    [property: Id(0)] string? Tenant,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Username,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] Role Role,
    [property: Id(5)] string? ScopeCode,
    [property: Id(6)] bool MustChangePassword,
    [property: Id(7)] bool Suspended,
    [property: Id(8)] DateTimeOffset? LockedUntil,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] int Revision)
{
    public static AccountView From(Account account) => new(
        account.Tenant, account.AccountId, account.Username, account.DisplayName, account.Role, account.ScopeCode,
        account.MustChangePassword, account.Suspended, account.LockedUntil, account.CreatedAt, account.Revision);

    /// <summary>The caller this account is once signed in.</summary>
    public Caller ToCaller() => new(Tenant, AccountId, Username, Role, ScopeCode);
}
