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
    }

    public Task<IReadOnlyList<AuditEntry>> Get() => Task.FromResult(store.State.Entries);
}

[GenerateSerializer, Alias("AuditPageState")]
public sealed record AuditPageState
{
    [Id(0)] public IReadOnlyList<AuditEntry> Entries { get; init; } = [];
}
