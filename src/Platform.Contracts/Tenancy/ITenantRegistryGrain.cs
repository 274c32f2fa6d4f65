using Orleans.Concurrency;

namespace Platform.Contracts.Tenancy;

/// <summary>Every tenant of the deployment, for work that visits them all (warming the rollups after a start).
/// Keyed by <see cref="GrainKeys.TenantRegistry"/>.</summary>
[Alias("ITenantRegistryGrain")]
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    /// <summary>Adds the tenant; idempotent.</summary>
    [Alias("Register")]
    Task Register(string tenant);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<string>> List();
}
