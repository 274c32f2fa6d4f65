using System.Globalization;
using System.Text;
using CsvHelper;
using Platform.Domain.Imports;

namespace Platform.Gateway.Imports;

/// <summary>
/// Reads CSV from text as it arrives, one record per line, with CsvHelper: comma-separated, fields optionally quoted
/// (with commas and doubled quotes inside), LF, CRLF or CR line ends, blank lines skipped. Holds one buffer, never the
/// file.
/// </summary>
/// <remarks>
/// A quoted field may not run onto the next line. RFC 4180 allows it, but no cell of an import may hold a line break,
/// and allowing it lets one unbalanced quote swallow every line after it into a single record. So a line whose quote
/// does not close on it comes back as malformed, with its own line number, and the next line is read as the next
/// record. Text after a closing quote (<c>"ab"c</c>) is malformed too, since reading it would change the value; a
/// quote inside an unquoted field (<c>ab"c</c>) is kept as the text it is.
/// </remarks>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly CsvReader _reader;
    private readonly Queue<(long Line, CsvMalformedReason Reason)> _malformed = new();

    public CsvRecordReader(TextReader text)
    {
        _reader = CsvReader.Create(text, new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            TrackLineNumbers = true,
            MaxRecordSize = ImportLimits.MaxLineBytes,
            // Reported just before the reader returns the record, so the queue holds at most the records of one buffer.
            OnMalformedRecord = record => _malformed.Enqueue((record.LineNumber, record.Reason)),
        }, leaveOpen: true);
    }

    /// <summary>The next record with at most <paramref name="maxCells"/> cells read, or null at the end of the file.</summary>
    /// <exception cref="ImportFileException">The text is not UTF-8, or a line is longer than <see cref="ImportLimits.MaxLineBytes"/>.</exception>
    public async ValueTask<CsvRecord?> ReadAsync(int maxCells, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _reader.ReadAsync(cancellationToken))
            {
                return null;
            }
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException("is not UTF-8 text; save the CSV as UTF-8 (in Excel: CSV UTF-8)");
        }
        catch (CsvFormatException exception)
        {
            throw new ImportFileException(
                $"line {exception.LineNumber} cannot be read ({exception.Message}); a line of a hierarchy file is far shorter than " +
                $"{ImportLimits.MaxLineBytes / 1024} KiB, so check that this is the hierarchy CSV (kind,code,name,parentCode,…)");
        }

        var line = _reader.LineNumber;
        string? malformed = null;
        while (_malformed.TryPeek(out var reported) && reported.Line <= line)
        {
            _malformed.Dequeue();
            if (reported.Line == line)
            {
                malformed ??= Describe(reported.Reason);
            }
        }

        var cells = new string[Math.Min(_reader.FieldCount, maxCells)];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = _reader.GetString(i);
        }

        return new CsvRecord(checked((int)line), cells, _reader.FieldCount, malformed);
    }

    public void Dispose() => _reader.Dispose();

    private static string? Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => null,
        CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote =>
            "opens a quote (\") that does not close on this line; close it, or remove it (a cell cannot run onto the next line)",
        CsvMalformedReason.TextAfterClosingQuote =>
            "has text after a closing quote (\"); quote the whole cell and double any quote inside it (\"\")",
        _ => string.Create(CultureInfo.InvariantCulture, $"is not well-formed CSV ({reason}); save the file again from Excel as CSV UTF-8"),
    };
}
