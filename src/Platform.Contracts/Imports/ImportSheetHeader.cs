namespace Platform.Contracts.Imports;

/// <summary>The header of one table of an imported file, as written in it, so rejected rows download with the file's own columns.</summary>
/// <param name="Sheet">The worksheet's name in an XLSX file; null for CSV.</param>
/// <param name="Columns">The header cells, in file order.</param>
[GenerateSerializer, Immutable, Alias("ImportSheetHeader")]
public sealed record ImportSheetHeader(
    [property: Id(0)] string? Sheet,
    [property: Id(1)] IReadOnlyList<string> Columns);
