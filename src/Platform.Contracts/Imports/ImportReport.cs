using Platform.Domain.Imports;

namespace Platform.Contracts.Imports;

/// <summary>What is stored about one import job (导入报告): where it is, its counts and where its kept rejections are.</summary>
/// <param name="Id">The import's id, unique in the tenant.</param>
/// <param name="StartedAt">When the job was accepted.</param>
/// <param name="Seconds">How long the import took, once finished.</param>
/// <param name="RejectionsKept">Rejections stored for download: all of them, or the first <see cref="ImportLimits.MaxStoredRejections"/>.</param>
/// <param name="Chunks">How many chunks hold them (see <see cref="IImportRejectionsGrain"/>).</param>
/// <param name="RowsDone">Data rows accounted for so far (all of them once finished).</param>
/// <param name="RowsTotal">Data rows in the file, once it has been read.</param>
/// <param name="Problem">Why a failed import's file could not be imported, and what to do.</param>
/// <param name="Warnings">What the import ignored (unknown columns).</param>
/// <param name="Headers">The file's headers, one per table, for the rejections download.</param>
[GenerateSerializer, Immutable, Alias("ImportReport")]
public sealed record ImportReport(
    [property: Id(0)] string Id,
    [property: Id(1)] ImportStatus Status,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] double Seconds,
    [property: Id(4)] ImportCounts Counts,
    [property: Id(5)] int RejectionsKept,
    [property: Id(6)] int Chunks,
    [property: Id(7)] int RowsDone = 0,
    [property: Id(8)] int? RowsTotal = null,
    [property: Id(9)] string? Problem = null,
    [property: Id(10)] IReadOnlyList<string>? Warnings = null,
    [property: Id(11)] IReadOnlyList<ImportSheetHeader>? Headers = null);
