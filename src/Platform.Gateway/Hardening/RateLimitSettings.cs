namespace Platform.Gateway.Hardening;

/// <summary>
/// The <c>Platform:RateLimits</c> settings: token buckets, each refilled at <see cref="TokenBucket.PerSecond"/> up to
/// <see cref="TokenBucket.Burst"/>. A request takes a token from every bucket that applies to it, and is answered 429
/// with Retry-After when one is empty.
/// </summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Per signed-in account (the <c>sub</c> and <c>tenant</c> claims). Stops 2,000 requests in 0.8 s from one
    /// account (about 700 are refused) while one person, or one client of a load test, never comes near it.</summary>
    public TokenBucket Account { get; set; } = new() { Burst = 500, PerSecond = 1_000 };

    /// <summary>Per client address, for requests with no signed-in account: what anyone may send before signing in (the
    /// API reference, health, sign-in itself). Every tenant route needs an account, so this holds no user's work back;
    /// behind a proxy, configure forwarded headers so that each client is its own address.</summary>
    public TokenBucket Address { get; set; } = new() { Burst = 1_000, PerSecond = 500 };

    /// <summary>Per tenant, every request under <c>/api/v1/tenants/{tenant}</c>: one province cannot take the whole
    /// deployment. Above what this two-core machine serves in all (about 13,000 reads/s), so it binds on larger ones.</summary>
    public TokenBucket Tenant { get; set; } = new() { Burst = 25_000, PerSecond = 25_000 };

    /// <summary>Per account or address, creating tenants (a <c>PUT /api/v1/tenants/{tenant}</c> for a tenant that does not
    /// exist yet; renames are not counted): 300 tenants in 0.7 s get about 35 through.</summary>
    public TokenBucket TenantCreation { get; set; } = new() { Burst = 30, PerSecond = 5 };

    /// <summary>Per client address, sign-in attempts (<c>/api/v1/auth/sign-in</c>): a school's shared address signing its
    /// secretaries in at nine in the morning passes; password spraying does not.</summary>
    public TokenBucket SignInAddress { get; set; } = new() { Burst = 100, PerSecond = 5 };

    /// <summary>Per tenant and username, sign-in attempts: guessing one person's password is slowed to 6 a minute after
    /// the first 20, from any number of addresses. Above the lockout's 5 failures, so a person who mistypes meets the
    /// lockout's answer (423) first.</summary>
    public TokenBucket SignInUsername { get; set; } = new() { Burst = 20, PerSecond = 0.1 };
}

/// <summary>A token bucket: at most <see cref="Burst"/> requests at once, refilled at <see cref="PerSecond"/>.</summary>
public sealed class TokenBucket
{
    public int Burst { get; set; }

    public double PerSecond { get; set; }
}
