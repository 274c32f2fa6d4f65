using Orleans.Concurrency;

namespace Platform.Contracts.Identity;

/// <summary>
/// One account (账号), keyed by <see cref="GrainKeys.Account"/>. It alone sees the password hash: passwords go in, and
/// verdicts, views and refresh secrets come out.
/// </summary>
[Alias("IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account with <paramref name="password"/> (hashed here); refused when it exists, when the
    /// role does not fit the scope node's kind, or when the scope node is not in the tenant.</summary>
    [Alias("Create")]
    Task<Outcome<AccountView>> Create(AccountDraft draft, string password, bool mustChangePassword);

    [Alias("Get"), ReadOnly]
    Task<AccountView?> Get();

    /// <summary>Checks the password and, when it is right and the account may sign in, starts a session.</summary>
    [Alias("SignIn")]
    Task<SignInAnswer> SignIn(string password);

    /// <summary>Swaps a session's refresh secret for a new one; a replayed old secret ends its session.</summary>
    [Alias("Refresh")]
    Task<SignInAnswer> Refresh(string refreshSecret);

    /// <summary>Ends the session the secret belongs to; an unknown secret changes nothing.</summary>
    [Alias("SignOut")]
    Task SignOut(string refreshSecret);

    /// <summary>The person's own change: the current password must be right (a wrong one counts towards the lock).
    /// Ends every session and starts a new one.</summary>
    [Alias("ChangePassword")]
    Task<Outcome<SignInAnswer>> ChangePassword(string currentPassword, string newPassword);

    /// <summary>An administrator's reset to a one-time password that must be changed at the next sign-in.</summary>
    [Alias("ResetPassword")]
    Task<Outcome<AccountView>> ResetPassword(string oneTimePassword);

    /// <summary>Suspends (停用) or resumes the account; suspension ends every session.</summary>
    [Alias("SetSuspended")]
    Task<Outcome<AccountView>> SetSuspended(bool suspended);
}
