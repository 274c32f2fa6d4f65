using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>
/// An import file read as tables of records, whatever its format: one table for CSV, one per worksheet for XLSX.
/// Each table starts with its header record. Holds a buffer or one row, never the file.
/// </summary>
internal interface IRecordSource : IDisposable
{
    /// <summary>The current table's worksheet name; null for CSV.</summary>
    string? Sheet { get; }

    /// <summary>The kind every row of the current table has, when its worksheet is named for one (省, 学校, …).</summary>
    NodeKind? SheetKind { get; }

    /// <summary>Whether a row may stop before the header's last column (a spreadsheet does not store trailing empty cells).</summary>
    bool TrailingCellsOptional { get; }

    /// <summary>Moves to the next table; false when there is none.</summary>
    ValueTask<bool> NextTableAsync(CancellationToken cancellationToken);

    /// <summary>The next record of the current table with at most <paramref name="maxCells"/> cells, or null at its end.</summary>
    /// <exception cref="ImportFileException">The file cannot be read on.</exception>
    ValueTask<CsvRecord?> ReadAsync(int maxCells, CancellationToken cancellationToken);
}
