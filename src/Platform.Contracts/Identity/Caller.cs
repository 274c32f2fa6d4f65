using Platform.Domain.Identity;

namespace Platform.Contracts.Identity;

/// <summary>
/// Who is calling: the signed-in account as the gateway authenticated it. It travels with every grain call of the request
/// (<see cref="CallerContext"/>), so the grains that change official data can check it again and take the audit's actor
/// from it rather than from a request body.
/// </summary>
/// <param name="Tenant">Null for the platform operator, who belongs to no tenant.</param>
/// <param name="AccountId">Stable and unique within the tenant (or among operators).</param>
/// <param name="Username">What the person signs in with; shown in audit lines.</param>
/// <param name="ScopeCode">The node whose subtree the account sees; null for the operator. A tenant admin's is the
/// province, a region admin's a city or county, a branch secretary's a branch, a reviewer's the city whose reviewers
/// it belongs to, a viewer's any node.</param>
[GenerateSerializer, Immutable, Alias("Caller")]
public sealed record Caller(
    [property: Id(0)] string? Tenant,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Username,
    [property: Id(3)] Role Role,
    [property: Id(4)] string? ScopeCode)
{
    private const string SystemPrefix = "system:";

    /// <summary>The work the platform does on its own (a stage deadline, final's fan-out, the demo seed, a drain),
    /// recorded as <c>system:{name}</c>. It may do anything inside <paramref name="tenant"/> and nothing outside it. No
    /// token can carry it: the gateway refuses a token whose operator role comes with a tenant.</summary>
    public static Caller System(string? tenant, string name) => new(tenant, SystemPrefix + name, SystemPrefix + name, Role.Operator, null);

    /// <summary>The platform acting on its own inside <see cref="Tenant"/> (see <see cref="System"/>).</summary>
    public bool IsPlatform => Role == Role.Operator && Tenant is not null && AccountId.StartsWith(SystemPrefix, StringComparison.Ordinal);

    /// <summary>How the audit names this caller: the username, and the account id when they differ.</summary>
    public string AuditName => Username == AccountId ? Username : $"{Username} ({AccountId})";
}
