using Platform.Contracts.Audit;
using Platform.Domain.Audit;
using Platform.Grains.Persistence;

namespace Platform.Grains.Audit;

/// <inheritdoc cref="IAuditPageGrain"/>
public sealed class AuditPageGrain(
    [PersistentState(StorageNames.AuditPage, StorageNames.Provider)] IPersistentState<AuditPageState> store) : Grain, IAuditPageGrain
{
    public async Task Store(IReadOnlyList<AuditEntry> entries)
    {
        store.State = new AuditPageState { Entries = entries };
        await store.WriteStateAsync();

        // A sealed page is written once and read seldom (a reader asking for an older time): it need not stay in
        // memory until collection, one activation for every 32 lines a busy tenant writes.
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<AuditEntry>> Get() => Task.FromResult(store.State.Entries);
}

[GenerateSerializer, Alias("AuditPageState")]
public sealed record AuditPageState
{
    [Id(0)] public IReadOnlyList<AuditEntry> Entries { get; init; } = [];
}
