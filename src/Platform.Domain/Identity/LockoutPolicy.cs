namespace Platform.Domain.Identity;

/// <summary>
/// How many wrong passwords in a row lock an account, and for how long (账号锁定). A lock ends by itself, so an attacker
/// guessing can lock a person out only for <see cref="Duration"/> at a time, while guessing slows to a crawl.
/// </summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(15));
}
