using Platform.Domain.Imports;

namespace Platform.Contracts.Imports;

/// <summary>How far a running import is (导入进度), stored in its report so any gateway can answer for it.</summary>
/// <param name="RowsDone">Data rows accounted for so far: read and rejected, or applied.</param>
/// <param name="RowsTotal">Data rows in the file, once it has been read; null while reading.</param>
/// <param name="Counts">Created, updated, unchanged and rejected so far.</param>
/// <param name="Warnings">What was ignored in the file (an unknown column), said once per file.</param>
/// <param name="Headers">The file's headers, one per table.</param>
[GenerateSerializer, Immutable, Alias("ImportProgress")]
public sealed record ImportProgress(
    [property: Id(0)] int RowsDone,
    [property: Id(1)] int? RowsTotal,
    [property: Id(2)] ImportCounts Counts,
    [property: Id(3)] IReadOnlyList<string> Warnings,
    [property: Id(4)] IReadOnlyList<ImportSheetHeader> Headers);
