using System.Globalization;
using System.Text;

namespace Platform.Gateway.Exports;

/// <summary>
/// Writes RFC 4180 CSV in UTF-8 with CRLF line ends, as Excel reads it: a byte order mark first, without which Excel
/// opens the file in the system's ANSI code page and garbles Chinese. Numbers use the invariant culture.
/// </summary>
/// <remarks>
/// <para>
/// A CSV file is one table, so several sheets become one: a first column <see cref="LevelHeader"/> names each row's
/// sheet (its level: 市州, 县市区, …), and the columns are every sheet's columns, each header once, in the order they
/// first appear. A row fills the columns of its own sheet and leaves the others empty, so a column never means one
/// thing on one level and another on the next (an average on a region's row, a score on a branch's). A single sheet
/// is written as it is, without that column. A sheet's totals row follows its rows. Rates are written as fractions
/// (0.8333), the value the workbook shows as a percentage.
/// </para>
/// <para>
/// Spreadsheets run a cell that starts with = + - or @ (and some with a leading tab or CR) as a formula, so a name
/// typed into the platform could run <c>=HYPERLINK(...)</c> or worse on the computer of whoever opens the export
/// (CSV injection). Text cells that start with one of those get a leading apostrophe, which keeps them text.
/// Numbers are written by this class, never by users, so a negative number stays a number.
/// </para>
/// </remarks>
internal sealed class CsvExportWriter : ITableExportWriter
{
    public const string LevelHeader = "层级";

    private const int BufferChars = 16 * 1024;

    public string ContentType => "text/csv; charset=utf-8";

    public string FileExtension => ".csv";

    public async Task WriteAsync(Stream output, IReadOnlyList<ExportSheet> sheets, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sheets.Count, nameof(sheets));
        var headers = sheets.SelectMany(s => s.Columns.Select(c => c.Header)).Distinct(StringComparer.Ordinal).ToList();
        var withLevel = sheets.Count > 1;
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferChars, leaveOpen: true);
        var line = new StringBuilder();

        // The byte order mark as a character, so it goes through the same encoder whatever the stream's position.
        line.Append('\uFEFF');
        if (withLevel)
        {
            AppendText(line, LevelHeader).Append(',');
        }

        foreach (var header in headers)
        {
            AppendText(line, header).Append(',');
        }

        await WriteLineAsync(writer, line, cancellationToken);

        var placed = new object?[headers.Count];
        foreach (var sheet in sheets)
        {
            // Where each of the sheet's columns sits in the file's.
            var positions = sheet.Columns.Select(c => headers.IndexOf(c.Header)).ToArray();
            var rowNumber = 0;
            await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
            {
                ExportRules.EnsureWidth(sheet, row, ++rowNumber);
                await WriteRowAsync(writer, line, withLevel ? sheet.Name : null, Place(placed, positions, row), cancellationToken);
            }

            if (sheet.Totals is { } totals && await totals() is { } total)
            {
                ExportRules.EnsureWidth(sheet, total, rowNumber + 1);
                await WriteRowAsync(writer, line, withLevel ? sheet.Name : null, Place(placed, positions, total), cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static object?[] Place(object?[] placed, int[] positions, IReadOnlyList<object?> row)
    {
        Array.Clear(placed);
        for (var i = 0; i < positions.Length; i++)
        {
            placed[positions[i]] = row[i];
        }

        return placed;
    }

    private static Task WriteRowAsync(StreamWriter writer, StringBuilder line, string? level, object?[] cells, CancellationToken cancellationToken)
    {
        if (level is not null)
        {
            AppendText(line, level).Append(',');
        }

        foreach (var cell in cells)
        {
            AppendCell(line, cell).Append(',');
        }

        return WriteLineAsync(writer, line, cancellationToken);
    }

    /// <summary>Ends the line in place of its trailing comma and hands it to the writer, which writes when its buffer fills.</summary>
    private static async Task WriteLineAsync(StreamWriter writer, StringBuilder line, CancellationToken cancellationToken)
    {
        line.Length--;
        line.Append("\r\n");
        await writer.WriteAsync(line, cancellationToken);
        line.Clear();
    }

    private static StringBuilder AppendCell(StringBuilder line, object? cell) => cell switch
    {
        null => line,
        string text => AppendText(line, text),
        int number => line.Append(CultureInfo.InvariantCulture, $"{number}"),
        long number => line.Append(CultureInfo.InvariantCulture, $"{number}"),
        decimal number => line.Append(CultureInfo.InvariantCulture, $"{number}"),
        double number => line.Append(CultureInfo.InvariantCulture, $"{number}"),
        bool flag => line.Append(flag ? "TRUE" : "FALSE"),
        DateTimeOffset time => line.Append(ExportRules.WallClock(time)),
        _ => throw ExportRules.Unsupported(cell),
    };

    private static StringBuilder AppendText(StringBuilder line, string text)
    {
        text = ExportRules.Visible(text);
        var guarded = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return (guarded ? line.Append('\'') : line).Append(text);
        }

        line.Append('"');
        if (guarded)
        {
            line.Append('\'');
        }

        return line.Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
