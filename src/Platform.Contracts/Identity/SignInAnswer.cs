using Platform.Domain.Identity;

namespace Platform.Contracts.Identity;

/// <summary>The account's answer to a sign-in, a refresh or a password change.</summary>
/// <param name="RefreshSecret">The new session's refresh secret, given once: the account keeps only its hash.</param>
/// <param name="LockedUntil">When <see cref="Verdict"/> is <see cref="SignInVerdict.Locked"/>, when the lock ends.</param>
[GenerateSerializer, Immutable, Alias("SignInAnswer")]
public sealed record SignInAnswer(
    [property: Id(0)] SignInVerdict Verdict,
    [property: Id(1)] AccountView? Account,
    [property: Id(2)] string? RefreshSecret,
    [property: Id(3)] DateTimeOffset? LockedUntil)
{
    public static SignInAnswer Refused { get; } = new(SignInVerdict.Refused, null, null, null);
}
