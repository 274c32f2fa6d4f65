using Platform.Contracts.Tenancy;
using Platform.Grains.Persistence;

namespace Platform.Grains.Tenancy;

/// <inheritdoc cref="ITenantRegistryGrain"/>
public sealed class TenantRegistryGrain(
    [PersistentState(StorageNames.TenantRegistry, StorageNames.Provider)] IPersistentState<TenantRegistryState> store) : Grain, ITenantRegistryGrain
{
    public async Task Register(string tenant)
    {
        if (store.State.Tenants.Contains(tenant, StringComparer.Ordinal))
        {
            return;
        }

        store.State = store.State with { Tenants = [.. store.State.Tenants, tenant] };
        await store.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult(store.State.Tenants);
}
