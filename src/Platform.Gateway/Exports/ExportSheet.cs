namespace Platform.Gateway.Exports;

/// <summary>
/// One table of an export: a worksheet in XLSX, a block of rows in CSV. <see cref="Rows"/> is read once, lazily, only
/// when the writer reaches this sheet, so a producer can keep its query closed until then.
/// </summary>
/// <remarks>
/// A row holds one cell per column, each a <see cref="string"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="decimal"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> or null (an empty
/// cell). Spreadsheets have no time zones, so a <see cref="DateTimeOffset"/> is written as the wall-clock time of its
/// own offset: convert it to the zone the readers live in (China Standard Time) before handing it over. Any other cell
/// type, or a row of the wrong width, fails the export rather than writing something the reader cannot trust.
/// </remarks>
internal sealed record ExportSheet(string Name, IReadOnlyList<ExportColumn> Columns, IAsyncEnumerable<IReadOnlyList<object?>> Rows)
{
    /// <summary>At least one, each header once: a reader (and a CSV merging levels, and an Excel table) finds a column by its header.</summary>
    public IReadOnlyList<ExportColumn> Columns { get; } =
        Columns.Count == 0 ? throw new ArgumentException("a sheet needs at least one column", nameof(Columns))
        : Columns.GroupBy(c => c.Header, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? throw new ArgumentException($"sheet '{Name}' names the column '{twice.Key}' twice", nameof(Columns))
            : Columns;

    /// <summary>
    /// The row for the table's whole scope (合计, e.g. a region's own rollup under its children's rows), read after the
    /// rows and written below them, in bold in a workbook; null when the table has none. Computed from the scope's own
    /// totals, never by adding the rows up, so rates and averages stay exact.
    /// </summary>
    public Func<Task<IReadOnlyList<object?>?>>? Totals { get; init; }
}
