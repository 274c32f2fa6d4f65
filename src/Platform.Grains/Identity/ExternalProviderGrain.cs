using Platform.Contracts.Identity;
using Platform.Grains.Persistence;

namespace Platform.Grains.Identity;

/// <inheritdoc cref="IExternalProviderGrain"/>
public sealed class ExternalProviderGrain(
    [PersistentState(StorageNames.ExternalProvider, StorageNames.Provider)] IPersistentState<ExternalProviderState> store)
    : Grain, IExternalProviderGrain
{
    public Task<ExternalProvider?> Get() => Task.FromResult(store.State.Provider);

    public async Task Set(ExternalProvider? provider)
    {
        store.State = new ExternalProviderState { Provider = provider };
        await store.WriteStateAsync();
    }
}

[GenerateSerializer, Alias("ExternalProviderState")]
public sealed record ExternalProviderState
{
    [Id(0)] public ExternalProvider? Provider { get; init; }
}
