using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Gateway.Identity;

/// <summary>Creates accounts with a generated password, which the answer shows once and nothing keeps.</summary>
public sealed class AccountProvisioning(IGrainFactory grains)
{
    public async Task<Outcome<IssuedAccount>> CreateAsync(string? tenant, AccountDraft draft, bool mustChangePassword)
    {
        if (Usernames.Problem(draft.Username) is { } problem)
        {
            return Outcome<IssuedAccount>.Invalid("username", problem);
        }

        var password = PasswordPolicy.Generate();
        var created = await grains.GetGrain<IAccountGrain>(GrainKeys.Account(tenant, draft.Username)).Create(draft, password, mustChangePassword);
        return created.Succeeded ? Outcome<IssuedAccount>.Ok(new IssuedAccount(created.Value!, password)) : created.As<IssuedAccount>();
    }

    /// <summary>Gives an existing account a new one-time password.</summary>
    public async Task<Outcome<IssuedAccount>> ResetAsync(string? tenant, string username)
    {
        var password = PasswordPolicy.Generate();
        var reset = await grains.GetGrain<IAccountGrain>(GrainKeys.Account(tenant, username)).ResetPassword(password);
        return reset.Succeeded ? Outcome<IssuedAccount>.Ok(new IssuedAccount(reset.Value!, password)) : reset.As<IssuedAccount>();
    }
}

/// <summary>An account and the password it was just given.</summary>
public sealed record IssuedAccount(AccountView Account, string Password)
{
    public InitialCredential ToCredential() => new(Account.Tenant, Account.Username, Password, Account.Role.ToApiName(), Account.ScopeCode, Account.DisplayName);
}
