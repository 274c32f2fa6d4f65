using Platform.Contracts.Framework;
using Platform.Domain.Framework;
using Platform.Grains.Persistence;

namespace Platform.Grains.Framework;

/// <inheritdoc cref="IFrameworkVersionGrain"/>
public sealed class FrameworkVersionGrain(
    [PersistentState(StorageNames.FrameworkVersion, StorageNames.Provider)] IPersistentState<FrameworkVersionState> store)
    : Grain, IFrameworkVersionGrain
{
    public Task<FrameworkVersion?> Get()
    {
        if (store.State.Version is null)
        {
            // Nothing is stored under this key: do not hold an empty activation until collection.
            DeactivateOnIdle();
        }

        return Task.FromResult(store.State.Version);
    }

    public async Task Store(FrameworkVersion version)
    {
        store.State = new FrameworkVersionState { Version = version };
        await store.WriteStateAsync();
    }
}
