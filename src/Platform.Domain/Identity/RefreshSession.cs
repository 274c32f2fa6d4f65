namespace Platform.Domain.Identity;

/// <summary>
/// One signed-in device (会话): the SHA-256 of its current refresh token and of the one it replaced, never the tokens
/// themselves. Keeping the previous hash lets a replayed, already-rotated token be recognised as theft, which ends the
/// session (RFC 9700 §4.14.2).
/// </summary>
[GenerateSerializer, Immutable, Alias("RefreshSession")]
public sealed record RefreshSession(
    [property: Id(0)] string Id,
    [property: Id(1)] string TokenHash,
    [property: Id(2)] string? PreviousHash,
    [property: Id(3)] DateTimeOffset ExpiresAt);
