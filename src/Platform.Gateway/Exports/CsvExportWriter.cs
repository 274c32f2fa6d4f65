using System.Globalization;
using System.Text;

namespace Platform.Gateway.Exports;

/// <summary>
/// Writes RFC 4180 CSV in UTF-8 with CRLF line ends, as Excel reads it: a byte order mark first, without which Excel
/// opens the file in the system's ANSI code page and garbles Chinese. Numbers use the invariant culture.
/// </summary>
/// <remarks>
/// <para>
/// A CSV file is one table, so several sheets become one: they must share their headers, and a first column
/// <see cref="LevelHeader"/> then names each row's sheet. A single sheet is written as it is, without that column.
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
        var headers = sheets[0].Columns.Select(c => c.Header).ToList();
        if (sheets.FirstOrDefault(s => !s.Columns.Select(c => c.Header).SequenceEqual(headers)) is { } odd)
        {
            throw new ArgumentException($"CSV holds one table, but sheet '{odd.Name}' has other columns than '{sheets[0].Name}'", nameof(sheets));
        }

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

        foreach (var sheet in sheets)
        {
            var rowNumber = 0;
            await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
            {
                ExportRules.EnsureWidth(sheet, row, ++rowNumber);
                if (withLevel)
                {
                    AppendText(line, sheet.Name).Append(',');
                }

                foreach (var cell in row)
                {
                    AppendCell(line, cell).Append(',');
                }

                await WriteLineAsync(writer, line, cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
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
