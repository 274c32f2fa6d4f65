using Platform.Contracts.Audit;
using Platform.Domain.Audit;
using Platform.Grains.Persistence;

namespace Platform.Grains.Audit;

/// <inheritdoc cref="IAuditIndexGrain"/>
public sealed class AuditIndexGrain(
    [PersistentState(StorageNames.AuditIndex, StorageNames.Provider)] IPersistentState<AuditIndexState> store) : Grain, IAuditIndexGrain
{
    public async Task Store(IReadOnlyList<AuditPageSummary> pages)
    {
        store.State = new AuditIndexState { Pages = pages };
        await store.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditPageSummary>> Get() => Task.FromResult(store.State.Pages);
}

[GenerateSerializer, Alias("AuditIndexState")]
public sealed record AuditIndexState
{
    [Id(0)] public IReadOnlyList<AuditPageSummary> Pages { get; init; } = [];
}
