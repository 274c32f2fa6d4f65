namespace Platform.Grains.Identity;

/// <summary><c>Platform:Auth</c>: the rules of signing in that accounts enforce.</summary>
public sealed class AccountOptions
{
    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int MaxFailedSignIns { get; set; } = Domain.Identity.LockoutPolicy.Default.MaxFailures;

    public TimeSpan LockoutDuration { get; set; } = Domain.Identity.LockoutPolicy.Default.Duration;

    /// <summary>How long a refresh token lives unused; each refresh starts it again.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    public Domain.Identity.LockoutPolicy Lockout => new(MaxFailedSignIns, LockoutDuration);
}
