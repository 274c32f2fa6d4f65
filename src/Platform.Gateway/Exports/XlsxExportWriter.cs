using System.Globalization;
using SpreadCheetah;
using SpreadCheetah.Metadata;
using SpreadCheetah.Styling;
using SpreadCheetah.Tables;
using SpreadCheetah.Worksheets;

namespace Platform.Gateway.Exports;

/// <summary>
/// Writes an Office Open XML workbook (.xlsx) with SpreadCheetah, one worksheet per sheet, streamed: rows go out as
/// they are read and only a worksheet's first <see cref="ColumnWidths.SampleRows"/> rows are held, to size its columns.
/// </summary>
/// <remarks>
/// <para>
/// ASP.NET Core refuses synchronous writes to a response body, and SpreadCheetah's zip (.NET's ZipArchive) still ends
/// each entry with a synchronous write of its data descriptor (seen on 10.0). So the workbook is written to a
/// <see cref="SpoolStream"/> in memory and drained to the output asynchronously whenever it holds
/// <see cref="DrainAt"/> bytes between two rows, and at the end. A failed export is never drained after the failure:
/// the zip's central directory, which disposing writes, stays in the spool, so the client's file cannot pass for whole.
/// </para>
/// <para>
/// Every worksheet reads as a leader expects: the header and rows are an Excel table (banded, an autofilter on the
/// header, its range fixed when the last row is written), the header frozen; columns sized to codes and Chinese names;
/// counts, scores, rates and times formatted by their column's <see cref="ExportColumnKind"/>; the scope's totals row
/// in bold under the table, outside it, so a sort or filter never moves it. A sheet without rows has no table (Excel
/// refuses an empty one), only the header with an autofilter. The document properties name the title and "Platform" as
/// author; the creation time is the writing time.
/// </para>
/// <para>
/// Excel keeps 15 significant digits, so a <see cref="long"/> or <see cref="decimal"/> of 10^15 or more (an 18-digit
/// ID number, say) would come back silently changed; such a value is written as text. A <see cref="DateTimeOffset"/>
/// is a date cell unless it falls before 1 March 1900, where Excel's dates go wrong, and is then text as well. Text is
/// never evaluated in an .xlsx (inline strings), so unlike CSV it needs no guard against formulas.
/// </para>
/// </remarks>
internal sealed class XlsxExportWriter : ITableExportWriter
{
    public const string Author = "Platform";

    public const int DrainAt = 64 * 1024;

    private static readonly decimal Exact = 1_000_000_000_000_000m;
    private static readonly DateTime FirstTrueExcelDate = new(1900, 3, 1);
    private static readonly ExportColumnKind[] Kinds = Enum.GetValues<ExportColumnKind>();

    /// <summary>The workbook's title (document properties); <see cref="ExportResults"/> sets the download's name.</summary>
    public string? Title { get; init; }

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string FileExtension => ".xlsx";

    public async Task WriteAsync(Stream output, IReadOnlyList<ExportSheet> sheets, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sheets.Count, nameof(sheets));
        var names = ExcelSheetNames.Assign(sheets.Select(s => s.Name));
        var options = new SpreadCheetahOptions
        {
            DocumentProperties = new DocumentProperties { Title = Title, Author = Author },
            PreserveStringWhitespace = true,
            DefaultDateTimeFormat = NumberFormat.Custom("yyyy-mm-dd hh:mm:ss"),
        };

        await using var spool = new SpoolStream(output);
        var spreadsheet = await Spreadsheet.CreateNewAsync(spool, options, cancellationToken);
        try
        {
            var styles = new Styles(spreadsheet);
            for (var s = 0; s < sheets.Count; s++)
            {
                await WriteWorksheetAsync(spreadsheet, spool, names[s], sheets[s], styles, cancellationToken);
            }

            await spreadsheet.FinishAsync(cancellationToken);
        }
        finally
        {
            await spreadsheet.DisposeAsync();
        }

        await spool.DrainAsync(cancellationToken);
    }

    private static async Task WriteWorksheetAsync(Spreadsheet spreadsheet, SpoolStream spool, string name, ExportSheet sheet, Styles styles, CancellationToken cancellationToken)
    {
        var columns = sheet.Columns;
        await using var rows = sheet.Rows.GetAsyncEnumerator(cancellationToken);
        var sample = new List<IReadOnlyList<object?>>();
        var more = true;
        while (sample.Count < ColumnWidths.SampleRows && (more = await rows.MoveNextAsync()))
        {
            ExportRules.EnsureWidth(sheet, rows.Current, sample.Count + 1);
            sample.Add(rows.Current);
        }

        var options = new WorksheetOptions { FrozenRows = 1 };
        var widths = ColumnWidths.Estimate(columns, sample);
        for (var i = 0; i < widths.Length; i++)
        {
            options.Column(i + 1).Width = widths[i];
        }

        var headers = columns.Select(c => Text(c.Header)).ToList();
        if (sample.Count == 0)
        {
            options.AutoFilter = new AutoFilterOptions($"A1:{SpreadsheetUtility.GetColumnName(columns.Count)}1");
            await spreadsheet.StartWorksheetAsync(name, options, cancellationToken);
            await spreadsheet.AddHeaderRowAsync(headers, styles.Header, cancellationToken);
        }
        else
        {
            await spreadsheet.StartWorksheetAsync(name, options, cancellationToken);
            spreadsheet.StartTable(new Table(TableStyle.Light9));
            await spreadsheet.AddHeaderRowAsync(headers, styles.Header, cancellationToken);
        }

        var rowNumber = 0;
        var cells = new Cell[columns.Count];
        var plain = columns.Select(c => styles.For(c.Kind, bold: false)).ToArray();
        var plainDate = styles.For(ExportColumnKind.Date, bold: false);
        foreach (var row in sample)
        {
            rowNumber++;
            await spreadsheet.AddRowAsync(Fill(cells, row, plain, plainDate), cancellationToken);
        }

        sample.Clear();
        while (more && await rows.MoveNextAsync())
        {
            ExportRules.EnsureWidth(sheet, rows.Current, ++rowNumber);
            await spreadsheet.AddRowAsync(Fill(cells, rows.Current, plain, plainDate), cancellationToken);
            if (spool.Pending >= DrainAt)
            {
                await spool.DrainAsync(cancellationToken);
            }
        }

        if (rowNumber > 0)
        {
            await spreadsheet.FinishTableAsync(cancellationToken);
        }

        if (sheet.Totals is { } totals && await totals() is { } total)
        {
            ExportRules.EnsureWidth(sheet, total, rowNumber + 1);
            await spreadsheet.AddRowAsync(Fill(cells, total, [.. columns.Select(c => styles.For(c.Kind, bold: true))], styles.For(ExportColumnKind.Date, bold: true)), cancellationToken);
        }
    }

    private static Cell[] Fill(Cell[] cells, IReadOnlyList<object?> row, StyleId[] styles, StyleId dateStyle)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = ToCell(row[i], styles[i], dateStyle);
        }

        return cells;
    }

    private static Cell ToCell(object? cell, StyleId style, StyleId dateStyle) => cell switch
    {
        null => new Cell(new DataCell(), style),
        string text => new Cell(Text(text), style),
        int number => new Cell(number, style),
        long number when Math.Abs((decimal)number) < Exact => new Cell(number, style),
        decimal number when Math.Abs(number) < Exact => new Cell(number, style),
        long or decimal => new Cell(Text(((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture)), style),
        double number when double.IsFinite(number) => new Cell(number, style),
        double number => new Cell(number.ToString(CultureInfo.InvariantCulture), style),
        bool flag => new Cell(flag, style),
        DateTimeOffset time when time.DateTime >= FirstTrueExcelDate => new Cell(time.DateTime, dateStyle),
        DateTimeOffset time => new Cell(ExportRules.WallClock(time), style),
        _ => throw ExportRules.Unsupported(cell),
    };

    private static string Text(string text) => SpreadsheetText.Escape(ExportRules.Visible(text));

    /// <summary>The workbook's styles: the header, and per column kind a plain and a bold (totals) style.</summary>
    private sealed class Styles
    {
        private readonly Dictionary<(ExportColumnKind, bool), StyleId> _styles = [];

        public Styles(Spreadsheet spreadsheet)
        {
            Header = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
            foreach (var kind in Kinds)
            {
                foreach (var bold in (bool[])[false, true])
                {
                    var style = new Style { Font = { Bold = bold } };
                    style.Format = kind switch
                    {
                        ExportColumnKind.Integer => NumberFormat.Standard(StandardNumberFormat.ThousandsSeparator),
                        ExportColumnKind.Decimal => NumberFormat.Standard(StandardNumberFormat.TwoDecimalPlaces),
                        ExportColumnKind.Percent => NumberFormat.Standard(StandardNumberFormat.PercentTwoDecimalPlaces),
                        ExportColumnKind.Date => NumberFormat.Custom("yyyy-mm-dd hh:mm:ss"),
                        _ => null,
                    };
                    _styles[(kind, bold)] = spreadsheet.AddStyle(style);
                }
            }
        }

        public StyleId Header { get; }

        public StyleId For(ExportColumnKind kind, bool bold) => _styles[(kind, bold)];
    }
}
