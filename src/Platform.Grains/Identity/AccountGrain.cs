using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;
using Platform.Domain.Text;
using Platform.Grains.Persistence;

namespace Platform.Grains.Identity;

/// <inheritdoc cref="IAccountGrain"/>
public sealed class AccountGrain(
    [PersistentState(StorageNames.Account, StorageNames.Provider)] IPersistentState<AccountState> store,
    PasswordHashing passwords,
    IOptions<AccountOptions> options,
    TimeProvider time) : Grain, IAccountGrain
{
    public const int MaxDisplayNameLength = 100;

    private const string Infix = "/account/";

    private string? Tenant
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            var space = key[..key.IndexOf(Infix, StringComparison.Ordinal)];
            return space == GrainKeys.PlatformSpace ? null : space;
        }
    }

    private string StoredUsername
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            return key[(key.IndexOf(Infix, StringComparison.Ordinal) + Infix.Length)..];
        }
    }

    private Account? Current => store.State.Account;

    public async Task<Outcome<AccountView>> Create(AccountDraft draft, string password, bool mustChangePassword)
    {
        if (Current is not null)
        {
            return Outcome<AccountView>.Fail(Failure.Conflict,
                $"the username '{draft.Username}' is taken{(Tenant is null ? "" : $" in tenant '{Tenant}'")}; choose another");
        }

        var errors = await DraftProblemsAsync(draft, password);
        if (errors.Count > 0)
        {
            DeactivateOnIdle();
            return Outcome<AccountView>.Invalid(errors);
        }

        var account = new Account(Tenant, NewAccountId(), draft.Username.Trim(), draft.DisplayName.Trim(), draft.Role, draft.ScopeCode,
            passwords.Hash(null, password), time.GetUtcNow())
        {
            MustChangePassword = mustChangePassword,
        };
        await SaveAsync(account);
        await GrainFactory.GetGrain<IAccountDirectoryGrain>(GrainKeys.AccountDirectory(Tenant))
            .Add([new AccountEntry(StoredUsername, account.Role, account.ScopeCode)]);
        return Outcome<AccountView>.Ok(AccountView.From(account));
    }

    public Task<AccountView?> Get()
    {
        if (Current is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(Current is null ? null : AccountView.From(Current));
    }

    public async Task<SignInAnswer> SignIn(string password)
    {
        if (Current is not { } account)
        {
            passwords.VerifyDecoy(password);
            DeactivateOnIdle();
            return SignInAnswer.Refused;
        }

        var now = time.GetUtcNow();
        if (account.IsLocked(now))
        {
            return Locked(account);
        }

        var verified = passwords.Verify(account, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            var failed = account.AfterWrongPassword(now, options.Value.Lockout);
            await SaveAsync(failed);
            return failed.IsLocked(now) ? Locked(failed) : SignInAnswer.Refused;
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account = account with { PasswordHash = passwords.Hash(account, password) };
        }

        if (account.Suspended)
        {
            await SaveAsync(account with { FailedAttempts = 0 });
            return new SignInAnswer(SignInVerdict.Suspended, null, null, null);
        }

        var (session, secret) = NewSession(now);
        account = account.AfterSignIn(session, now);
        await SaveAsync(account);
        return new SignInAnswer(SignInVerdict.Accepted, AccountView.From(account), secret, null);
    }

    public async Task<SignInAnswer> Refresh(string refreshSecret)
    {
        if (Current is not { } account)
        {
            DeactivateOnIdle();
            return SignInAnswer.Refused;
        }

        if (account.Suspended)
        {
            return new SignInAnswer(SignInVerdict.Suspended, null, null, null);
        }

        var now = time.GetUtcNow();
        var secret = PasswordHashing.NewSecret();
        var (updated, rotated) = account.Rotate(PasswordHashing.HashSecret(refreshSecret), PasswordHashing.HashSecret(secret), now,
            options.Value.RefreshTokenLifetime);
        if (!ReferenceEquals(updated, account) && !updated.Sessions.SequenceEqual(account.Sessions))
        {
            await SaveAsync(updated);
        }

        return rotated ? new SignInAnswer(SignInVerdict.Accepted, AccountView.From(updated), secret, null) : SignInAnswer.Refused;
    }

    public async Task SignOut(string refreshSecret)
    {
        if (Current is not { } account)
        {
            DeactivateOnIdle();
            return;
        }

        var updated = account.WithoutSession(PasswordHashing.HashSecret(refreshSecret));
        if (updated.Sessions.Count != account.Sessions.Count)
        {
            await SaveAsync(updated);
        }
    }

    public async Task<Outcome<SignInAnswer>> ChangePassword(string currentPassword, string newPassword)
    {
        if (Current is not { } account)
        {
            DeactivateOnIdle();
            return Outcome<SignInAnswer>.Fail(Failure.NotFound, "the account no longer exists; sign in again");
        }

        var now = time.GetUtcNow();
        if (account.IsLocked(now))
        {
            return Outcome<SignInAnswer>.Fail(Failure.Conflict, LockedDetail(account.LockedUntil!.Value));
        }

        if (passwords.Verify(account, currentPassword) == PasswordVerificationResult.Failed)
        {
            await SaveAsync(account.AfterWrongPassword(now, options.Value.Lockout));
            return Outcome<SignInAnswer>.Invalid("currentPassword", "is not the account's current password; type it again");
        }

        if (PasswordPolicy.Problem(newPassword, account.Username) is { } problem)
        {
            return Outcome<SignInAnswer>.Invalid("newPassword", problem);
        }

        if (newPassword == currentPassword)
        {
            return Outcome<SignInAnswer>.Invalid("newPassword", "must differ from the current password");
        }

        var (session, secret) = NewSession(now);
        var changed = account.WithPassword(passwords.Hash(account, newPassword), mustChange: false).AfterSignIn(session, now);
        await SaveAsync(changed);
        return Outcome<SignInAnswer>.Ok(new SignInAnswer(SignInVerdict.Accepted, AccountView.From(changed), secret, null));
    }

    public async Task<Outcome<AccountView>> ResetPassword(string oneTimePassword)
    {
        if (Current is not { } account)
        {
            DeactivateOnIdle();
            return Outcome<AccountView>.Fail(Failure.NotFound, $"there is no account '{StoredUsername}'");
        }

        if (PasswordPolicy.Problem(oneTimePassword, account.Username) is { } problem)
        {
            return Outcome<AccountView>.Invalid("password", problem);
        }

        var reset = account.WithPassword(passwords.Hash(account, oneTimePassword), mustChange: true) with { Revision = account.Revision + 1 };
        await SaveAsync(reset);
        return Outcome<AccountView>.Ok(AccountView.From(reset));
    }

    public async Task<Outcome<AccountView>> SetSuspended(bool suspended)
    {
        if (Current is not { } account)
        {
            DeactivateOnIdle();
            return Outcome<AccountView>.Fail(Failure.NotFound, $"there is no account '{StoredUsername}'");
        }

        var changed = account.WithSuspended(suspended);
        if (!ReferenceEquals(changed, account))
        {
            await SaveAsync(changed);
        }

        return Outcome<AccountView>.Ok(AccountView.From(changed));
    }

    private async Task<List<Domain.Hierarchy.FieldError>> DraftProblemsAsync(AccountDraft draft, string password)
    {
        var errors = new List<Domain.Hierarchy.FieldError>();
        if (Usernames.Problem(draft.Username) is { } usernameProblem)
        {
            errors.Add(new("username", usernameProblem));
        }
        else if (Usernames.Normalise(draft.Username) != StoredUsername)
        {
            errors.Add(new("username", $"does not match the account '{StoredUsername}' being created"));
        }

        if (TextRules.Problem(draft.DisplayName, MaxDisplayNameLength) is { } nameProblem)
        {
            errors.Add(new("displayName", nameProblem));
        }

        if (PasswordPolicy.Problem(password, draft.Username) is { } passwordProblem)
        {
            errors.Add(new("password", passwordProblem));
        }

        if (await ScopeProblemAsync(draft) is { } scopeProblem)
        {
            errors.Add(scopeProblem);
        }

        return errors;
    }

    private async Task<Domain.Hierarchy.FieldError?> ScopeProblemAsync(AccountDraft draft)
    {
        if (Tenant is null)
        {
            return draft.Role == Role.Operator && draft.ScopeCode is null
                ? null
                : new("role", "only operators stand outside a tenant, and they take no scope");
        }

        if (draft.Role == Role.Operator)
        {
            return new("role", "an operator belongs to no tenant; choose one of tenantAdmin, regionAdmin, branchSecretary, reviewer, viewer");
        }

        if (draft.ScopeCode is null)
        {
            // A tenant admin is created with its tenant, before the province is imported: it then holds the whole tenant.
            return draft.Role == Role.TenantAdmin ? null : new("scopeCode", "is required: the node whose subtree the account sees");
        }

        var probe = await GrainFactory.GetGrain<INodeGrain>(GrainKeys.Node(Tenant, draft.ScopeCode)).Probe();
        if (!probe.Exists || probe.Closed || probe.Rollup is null)
        {
            return new("scopeCode", $"there is no open node '{draft.ScopeCode}' in tenant '{Tenant}'; import it first or choose another");
        }

        return RoleScopes.Problem(draft.Role, probe.Rollup.Kind) is { } problem ? new("scopeCode", problem) : null;
    }

    private (RefreshSession Session, string Secret) NewSession(DateTimeOffset now)
    {
        var secret = PasswordHashing.NewSecret();
        var session = new RefreshSession(Guid.NewGuid().ToString("N"), PasswordHashing.HashSecret(secret), null, now + options.Value.RefreshTokenLifetime);
        return (session, secret);
    }

    private static SignInAnswer Locked(Account account) => new(SignInVerdict.Locked, null, null, account.LockedUntil);

    private static string LockedDetail(DateTimeOffset until) =>
        $"the account is locked after too many wrong passwords until {until:yyyy-MM-dd HH:mm:ss} UTC; try again then or ask an administrator to reset it";

    private static string NewAccountId() => "a" + Guid.NewGuid().ToString("N")[..15];

    private async Task SaveAsync(Account account)
    {
        store.State = store.State with { Account = account };
        await store.WriteStateAsync();
    }
}
