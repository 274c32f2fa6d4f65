using Platform.Contracts.Imports;

namespace Platform.Grains.Imports;

[GenerateSerializer, Alias("ImportReportState")]
public sealed record ImportReportState
{
    /// <summary>Null until the import is queued (or, for an import of a file refused in its request, ever).</summary>
    [Id(0)] public ImportReport? Report { get; init; }

    /// <summary>Chunks of rejections stored so far, also while the import runs, so a discard finds them all.</summary>
    [Id(1)] public int Chunks { get; init; }

    [Id(2)] public int RejectionsKept { get; init; }
}
