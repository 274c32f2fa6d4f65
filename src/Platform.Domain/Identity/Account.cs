namespace Platform.Domain.Identity;

/// <summary>
/// A person's account (账号) in one tenant, or an operator's outside all tenants: who they are, what they may see (their
/// <see cref="Role"/> and scope node), their password's hash, and the rules of signing in: lockout after repeated
/// failures, one-time passwords that must be changed, suspension, refresh sessions that rotate.
/// </summary>
/// <param name="Tenant">Null for an operator.</param>
/// <param name="AccountId">Stable for the account's life; tokens and audit lines carry it.</param>
/// <param name="Username">As it was first written; compared without regard to case (<see cref="Usernames.Normalise"/>).</param>
/// <param name="ScopeCode">The node whose subtree the account sees; null for the operator, and for a tenant admin
/// whose tenant has no province yet (the whole tenant).</param>
[GenerateSerializer, Immutable, Alias("Account")]
public sealed record Account(
    [property: Id(0)] string? Tenant,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Username,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] Role Role,
    [property: Id(5)] string? ScopeCode,
    [property: Id(6)] string PasswordHash,
    [property: Id(7)] DateTimeOffset CreatedAt)
{
    /// <summary>Set by a one-time password (a new account, an admin's reset): until changed, the account may do nothing else.</summary>
    [Id(8)] public bool MustChangePassword { get; init; }

    /// <summary>Wrong passwords since the last right one or the last lock.</summary>
    [Id(9)] public int FailedAttempts { get; init; }

    [Id(10)] public DateTimeOffset? LockedUntil { get; init; }

    [Id(11)] public bool Suspended { get; init; }

    [Id(12)] public IReadOnlyList<RefreshSession> Sessions { get; init; } = [];

    /// <summary>Counts the changes an administrator makes (reset, suspend, resume): the account's ETag.</summary>
    [Id(13)] public int Revision { get; init; } = 1;

    /// <summary>The most devices one account keeps signed in; the oldest is signed out when another signs in.</summary>
    public const int MaxSessions = 20;

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>A wrong password: counted, and the account locked once <see cref="LockoutPolicy.MaxFailures"/> are reached.</summary>
    public Account AfterWrongPassword(DateTimeOffset now, LockoutPolicy policy)
    {
        var failures = (LockedUntil is { } until && until <= now ? 0 : FailedAttempts) + 1;
        return failures >= policy.MaxFailures
            ? this with { FailedAttempts = 0, LockedUntil = now + policy.Duration }
            : this with { FailedAttempts = failures, LockedUntil = null };
    }

    /// <summary>A right password: the failures are forgotten and a new session begins.</summary>
    public Account AfterSignIn(RefreshSession session, DateTimeOffset now) =>
        this with { FailedAttempts = 0, LockedUntil = null, Sessions = KeepLive([.. Sessions, session], now) };

    /// <summary>
    /// Swaps a session's refresh token for a new one. A token that is no session's current one is refused; one that a
    /// session has already swapped away was replayed, so that session ends (whoever holds the stolen token loses it,
    /// and so does the person, who signs in again).
    /// </summary>
    public (Account Account, bool Rotated) Rotate(string tokenHash, string newTokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        var live = KeepLive(Sessions, now);
        if (live.FirstOrDefault(s => s.TokenHash == tokenHash) is { } session)
        {
            var rotated = session with { TokenHash = newTokenHash, PreviousHash = tokenHash, ExpiresAt = now + lifetime };
            return (this with { Sessions = live.Select(s => s.Id == session.Id ? rotated : s).ToArray() }, true);
        }

        var replayed = live.Where(s => s.PreviousHash == tokenHash).Select(s => s.Id).ToHashSet();
        return (this with { Sessions = live.Where(s => !replayed.Contains(s.Id)).ToArray() }, false);
    }

    /// <summary>Signs out the session the token belongs to (its current or just-replaced token).</summary>
    public Account WithoutSession(string tokenHash) =>
        this with { Sessions = Sessions.Where(s => s.TokenHash != tokenHash && s.PreviousHash != tokenHash).ToArray() };

    /// <summary>A new password. Every session ends, so a stolen refresh token dies with the old password.</summary>
    public Account WithPassword(string passwordHash, bool mustChange) =>
        this with { PasswordHash = passwordHash, MustChangePassword = mustChange, FailedAttempts = 0, LockedUntil = null, Sessions = [] };

    /// <summary>Suspended (停用) or resumed; suspension ends every session at once.</summary>
    public Account WithSuspended(bool suspended) =>
        suspended == Suspended ? this : this with { Suspended = suspended, Sessions = suspended ? [] : Sessions, Revision = Revision + 1 };

    private static RefreshSession[] KeepLive(IEnumerable<RefreshSession> sessions, DateTimeOffset now) =>
        sessions.Where(s => s.ExpiresAt > now).OrderBy(s => s.ExpiresAt).TakeLast(MaxSessions).ToArray();
}
