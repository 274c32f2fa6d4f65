using Platform.Contracts;
using Platform.Contracts.Imports;
using Platform.Domain.Imports;
using Platform.Grains.Persistence;

namespace Platform.Grains.Imports;

/// <inheritdoc cref="IImportReportGrain"/>
public sealed class ImportReportGrain(
    [PersistentState(StorageNames.ImportReport, StorageNames.Provider)] IPersistentState<ImportReportState> store) : Grain, IImportReportGrain
{
    private static readonly ImportCounts None = new(0, 0, 0, 0, 0);

    public async Task Queue(DateTimeOffset acceptedAt)
    {
        store.State = store.State with { Report = new ImportReport(Id, ImportStatus.Queued, acceptedAt, 0, None, 0, 0) };
        await store.WriteStateAsync();
    }

    public async Task Progress(ImportProgress progress)
    {
        var current = store.State.Report ?? new ImportReport(Id, ImportStatus.Running, DateTimeOffset.UtcNow, 0, None, 0, 0);
        store.State = store.State with
        {
            Report = current with
            {
                Status = ImportStatus.Running,
                Counts = progress.Counts,
                RowsDone = progress.RowsDone,
                RowsTotal = progress.RowsTotal,
                Warnings = progress.Warnings,
                Headers = progress.Headers,
                RejectionsKept = store.State.RejectionsKept,
                Chunks = store.State.Chunks,
            },
        };
        await store.WriteStateAsync();
    }

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
        var last = store.State.Report;
        var report = new ImportReport(Id, ImportStatus.Finished, startedAt, seconds, counts, store.State.RejectionsKept, store.State.Chunks,
            counts.Rows, counts.Rows, null, last?.Warnings, last?.Headers);
        store.State = store.State with { Report = report };
        await store.WriteStateAsync();

        // A finished report is read rarely, if ever: it need not hold memory until collection.
        DeactivateOnIdle();
        return report;
    }

    public async Task<ImportReport> Fail(string problem, double seconds)
    {
        await ClearChunksAsync();
        var report = (store.State.Report ?? new ImportReport(Id, ImportStatus.Failed, DateTimeOffset.UtcNow, 0, None, 0, 0)) with
        {
            Status = ImportStatus.Failed,
            Seconds = seconds,
            Counts = None,
            RowsDone = 0,
            RejectionsKept = 0,
            Chunks = 0,
            Problem = problem,
        };
        store.State = new ImportReportState { Report = report };
        await store.WriteStateAsync();
        DeactivateOnIdle();
        return report;
    }

    public async Task Discard()
    {
        await ClearChunksAsync();
        await store.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task<ImportReport?> Get()
    {
        if (store.State.Report is not { Status: ImportStatus.Queued or ImportStatus.Running })
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(store.State.Report);
    }

    private string Id => GrainKeys.ParseImport(this.GetPrimaryKeyString()).ImportId;

    private async Task ClearChunksAsync()
    {
        for (var chunk = 0; chunk < store.State.Chunks; chunk++)
        {
            await Chunk(chunk).Clear();
        }
    }

    private IImportRejectionsGrain Chunk(int chunk)
    {
        var (tenant, importId) = GrainKeys.ParseImport(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IImportRejectionsGrain>(GrainKeys.ImportRejections(tenant, importId, chunk));
    }
}
