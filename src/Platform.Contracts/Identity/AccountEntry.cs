using Platform.Domain.Identity;

namespace Platform.Contracts.Identity;

/// <summary>An account as the tenant's list holds it: what never changes after creation, so the list needs no rewrite
/// when a person signs in, is locked or is suspended.</summary>
[GenerateSerializer, Immutable, Alias("AccountEntry")]
public sealed record AccountEntry(
    [property: Id(0)] string Username,
    [property: Id(1)] Role Role,
    [property: Id(2)] string? ScopeCode);
