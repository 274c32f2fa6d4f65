using Orleans.Concurrency;

namespace Platform.Contracts.Tenancy;

/// <summary>Every tenant of the deployment, for work that visits them all (warming the rollups after a start), for the
/// operator's list, and which of them are suspended. Keyed by <see cref="GrainKeys.TenantRegistry"/>.</summary>
[Alias("ITenantRegistryGrain")]
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    /// <summary>Adds the tenant; idempotent.</summary>
    [Alias("Register")]
    Task Register(string tenant);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<string>> List();

    /// <summary>Suspends (停用) or resumes a registered tenant: while suspended its people can read and write nothing.
    /// Nothing is deleted. False when the tenant is not registered.</summary>
    [Alias("SetSuspended")]
    Task<bool> SetSuspended(string tenant, bool suspended);

    /// <summary>The suspended tenants.</summary>
    [Alias("Suspended"), ReadOnly]
    Task<IReadOnlyList<string>> Suspended();
}
