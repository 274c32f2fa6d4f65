using Platform.Contracts;
using Platform.Contracts.Imports;
using Platform.Domain.Imports;
using Platform.Grains.Persistence;

namespace Platform.Grains.Imports;

/// <inheritdoc cref="IImportReportGrain"/>
public sealed class ImportReportGrain(
    [PersistentState(StorageNames.ImportReport, StorageNames.Provider)] IPersistentState<ImportReportState> store) : Grain, IImportReportGrain
{
    public async Task KeepRejections(IReadOnlyList<ImportRejection> rejections)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rejections.Count, ImportLimits.RejectionsPerChunk, nameof(rejections));
        if (rejections.Count == 0)
        {
            return;
        }

        // The chunk first: a report never counts a chunk that is not stored.
        await Chunk(store.State.Chunks).Write(rejections);
        store.State = store.State with { Chunks = store.State.Chunks + 1, RejectionsKept = store.State.RejectionsKept + rejections.Count };
        await store.WriteStateAsync();
    }

    public async Task<ImportReport> Finish(DateTimeOffset startedAt, double seconds, ImportCounts counts)
    {
        var report = new ImportReport(GrainKeys.ParseImport(this.GetPrimaryKeyString()).ImportId, ImportStatus.Finished, startedAt, seconds,
            counts, store.State.RejectionsKept, store.State.Chunks);
        store.State = store.State with { Report = report };
        await store.WriteStateAsync();

        // A finished report is read rarely, if ever: it need not hold memory until collection.
        DeactivateOnIdle();
        return report;
    }

    public async Task Discard()
    {
        for (var chunk = 0; chunk < store.State.Chunks; chunk++)
        {
            await Chunk(chunk).Clear();
        }

        await store.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task<ImportReport?> Get()
    {
        DeactivateOnIdle();
        return Task.FromResult(store.State.Report);
    }

    private IImportRejectionsGrain Chunk(int chunk)
    {
        var (tenant, importId) = GrainKeys.ParseImport(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IImportRejectionsGrain>(GrainKeys.ImportRejections(tenant, importId, chunk));
    }
}
