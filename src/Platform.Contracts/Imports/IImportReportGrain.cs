using Orleans.Concurrency;
using Platform.Domain.Imports;

namespace Platform.Contracts.Imports;

/// <summary>
/// The durable report of one import, keyed by <see cref="GrainKeys.Import"/>: its counts, and its rejections in chunks
/// of their own (<see cref="IImportRejectionsGrain"/>), so the report stays small however many rows were rejected.
/// The importer decides what to keep (<see cref="ImportLimits"/>); the report stores what it is given.
/// </summary>
[Alias("IImportReportGrain")]
public interface IImportReportGrain : IGrainWithStringKey
{
    /// <summary>Records a job as accepted and waiting for a worker.</summary>
    [Alias("Queue")]
    Task Queue(DateTimeOffset acceptedAt);

    /// <summary>Records how far the running import is.</summary>
    [Alias("Progress")]
    Task Progress(ImportProgress progress);

    /// <summary>Records the import as failed for <paramref name="problem"/>; forgets its kept rejections.</summary>
    [Alias("Fail")]
    Task<ImportReport> Fail(string problem, double seconds);

    /// <summary>Stores <paramref name="rejections"/> (at most <see cref="ImportLimits.RejectionsPerChunk"/>) as the next chunk.</summary>
    [Alias("KeepRejections")]
    Task KeepRejections(IReadOnlyList<ImportRejection> rejections);

    /// <summary>Records the import as finished with <paramref name="counts"/> (keeping the warnings and headers of its
    /// last progress); answers the report as stored.</summary>
    [Alias("Finish")]
    Task<ImportReport> Finish(DateTimeOffset startedAt, double seconds, ImportCounts counts);

    /// <summary>Forgets an import whose file was refused as a whole: its chunks, then itself.</summary>
    [Alias("Discard")]
    Task Discard();

    /// <summary>The report, or null when there is no such import.</summary>
    [Alias("Get"), ReadOnly]
    Task<ImportReport?> Get();
}
