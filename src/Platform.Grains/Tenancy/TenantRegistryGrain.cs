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

    public async Task<bool> SetSuspended(string tenant, bool suspended)
    {
        if (!store.State.Tenants.Contains(tenant, StringComparer.Ordinal))
        {
            return false;
        }

        var others = store.State.Suspended.Where(t => !string.Equals(t, tenant, StringComparison.Ordinal));
        string[] next = suspended ? [.. others, tenant] : [.. others];
        if (next.Length != store.State.Suspended.Count)
        {
            store.State = store.State with { Suspended = next };
            await store.WriteStateAsync();
        }

        return true;
    }

    public Task<IReadOnlyList<string>> Suspended() => Task.FromResult(store.State.Suspended);
}
