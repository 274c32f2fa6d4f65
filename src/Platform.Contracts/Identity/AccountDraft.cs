using Platform.Domain.Identity;

namespace Platform.Contracts.Identity;

/// <summary>What an administrator gives to create an account; the password is given apart, and only its hash is kept.</summary>
/// <param name="ScopeCode">The node whose subtree the account will see; null only for an operator, and for a tenant
/// admin of a tenant whose province is not imported yet.</param>
[GenerateSerializer, Immutable, Alias("AccountDraft")]
public sealed record AccountDraft(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Role Role,
    [property: Id(3)] string? ScopeCode);
