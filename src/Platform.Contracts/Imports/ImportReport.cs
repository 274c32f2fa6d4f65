using Platform.Domain.Imports;

namespace Platform.Contracts.Imports;

/// <summary>What is stored about one import (导入报告): its counts and where its kept rejections are.</summary>
/// <param name="Id">The import's id, unique in the tenant.</param>
/// <param name="Seconds">How long the import took, once finished.</param>
/// <param name="RejectionsKept">Rejections stored for download: all of them, or the first <see cref="ImportLimits.MaxStoredRejections"/>.</param>
/// <param name="Chunks">How many chunks hold them (see <see cref="IImportRejectionsGrain"/>).</param>
[GenerateSerializer, Immutable, Alias("ImportReport")]
public sealed record ImportReport(
    [property: Id(0)] string Id,
    [property: Id(1)] ImportStatus Status,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] double Seconds,
    [property: Id(4)] ImportCounts Counts,
    [property: Id(5)] int RejectionsKept,
    [property: Id(6)] int Chunks);
