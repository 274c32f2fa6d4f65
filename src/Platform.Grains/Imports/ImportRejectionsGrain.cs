using Platform.Contracts.Imports;
using Platform.Domain.Imports;
using Platform.Grains.Persistence;

namespace Platform.Grains.Imports;

/// <inheritdoc cref="IImportRejectionsGrain"/>
public sealed class ImportRejectionsGrain(
    [PersistentState(StorageNames.ImportRejections, StorageNames.Provider)] IPersistentState<ImportRejectionsState> store) : Grain, IImportRejectionsGrain
{
    public async Task Write(IReadOnlyList<ImportRejection> rejections)
    {
        store.State = new ImportRejectionsState { Rejections = rejections };
        await store.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<ImportRejection>> Read()
    {
        DeactivateOnIdle();
        return Task.FromResult(store.State.Rejections);
    }

    public async Task Clear()
    {
        await store.ClearStateAsync();
        DeactivateOnIdle();
    }
}
