using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>
/// An XLSX workbook read with the Open XML SDK's forward-only reader, one row in memory at a time: each visible
/// worksheet is a table, in workbook order. A worksheet named for a kind (省, 市, 县, 学校, 党支部, province, …) gives its
/// rows that kind; one named 党组织 (organisations) or anything else needs the kind column.
/// </summary>
/// <remarks>
/// Only the shared strings (the workbook's distinct texts) are held whole. A workbook is a zip, so its declared
/// uncompressed size is checked before anything is inflated: a small file that would inflate to gigabytes is refused.
/// </remarks>
internal sealed class XlsxRecordSource : IRecordSource
{
    /// <summary>Far above a 200,000-row hierarchy (about 40 MB inflated), far below what would hurt the gateway.</summary>
    private const long MaxInflatedBytes = 512L * 1024 * 1024;

    private readonly SpreadsheetDocument _document;
    private readonly List<(string Name, WorksheetPart Part)> _sheets = [];
    private readonly string[] _strings;
    private int _next;
    private OpenXmlReader? _reader;

    private XlsxRecordSource(SpreadsheetDocument document)
    {
        _document = document;
        var workbook = document.WorkbookPart ?? throw new ImportFileException("is not an Excel workbook (it has no workbook part); save it again from Excel as .xlsx");
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if ((sheet.State?.Value is { } state && state != SheetStateValues.Visible) || sheet.Name?.Value == HierarchyFormat.ValuesSheet)
            {
                continue;
            }

            if (sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart part)
            {
                _sheets.Add((sheet.Name?.Value ?? "", part));
            }
        }

        _strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
    }

    public string? Sheet { get; private set; }

    public NodeKind? SheetKind { get; private set; }

    public bool TrailingCellsOptional => true;

    /// <summary>Opens the workbook in <paramref name="file"/>, which must be seekable.</summary>
    /// <exception cref="ImportFileException">It is not a workbook, or would inflate beyond what an import may.</exception>
    public static XlsxRecordSource Open(Stream file)
    {
        try
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true))
            {
                var inflated = zip.Entries.Sum(e => e.Length);
                if (inflated > MaxInflatedBytes)
                {
                    throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                        $"inflates to {inflated / 1048576:N0} MB, more than an import reads ({MaxInflatedBytes / 1048576:N0} MB); split the workbook or save it as CSV"));
                }
            }

            file.Position = 0;
            return new XlsxRecordSource(SpreadsheetDocument.Open(file, isEditable: false));
        }
        catch (Exception exception) when (exception is InvalidDataException or OpenXmlPackageException or FileFormatException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new ImportFileException($"is not a readable Excel workbook ({exception.GetType().Name}); save it again from Excel as .xlsx, or as CSV UTF-8");
        }
    }

    public ValueTask<bool> NextTableAsync(CancellationToken cancellationToken)
    {
        _reader?.Dispose();
        _reader = null;
        if (_next >= _sheets.Count)
        {
            return ValueTask.FromResult(false);
        }

        var (name, part) = _sheets[_next++];
        Sheet = name;
        SheetKind = NodeKinds.TryParse(name, out var kind) ? kind : null;
        _reader = OpenXmlReader.Create(part);
        return ValueTask.FromResult(true);
    }

    public ValueTask<CsvRecord?> ReadAsync(int maxCells, CancellationToken cancellationToken)
    {
        try
        {
            while (_reader is not null && _reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_reader.ElementType != typeof(Row) || !_reader.IsStartElement)
                {
                    continue;
                }

                var row = (Row)_reader.LoadCurrentElement()!;
                if (Read(row, maxCells) is { } record)
                {
                    return ValueTask.FromResult<CsvRecord?>(record);
                }
            }

            return ValueTask.FromResult<CsvRecord?>(null);
        }
        catch (System.Xml.XmlException exception)
        {
            throw new ImportFileException($"worksheet '{Sheet}' cannot be read ({exception.Message}); save the workbook again from Excel");
        }
    }

    /// <summary>The row's cells by column, or null for a row with no text (skipped, like a blank line of CSV).</summary>
    private CsvRecord? Read(Row row, int maxCells)
    {
        var cells = new List<string>();
        var last = -1;
        var position = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference && ColumnOf(reference) is >= 0 and var at ? at : position;
            position = column + 1;
            var text = Text(cell);
            if (text.Length == 0)
            {
                continue;
            }

            last = column;
            if (column < maxCells)
            {
                while (cells.Count <= column)
                {
                    cells.Add("");
                }

                cells[column] = text;
            }
        }

        if (last < 0)
        {
            return null;
        }

        var line = row.RowIndex?.Value is { } index ? checked((int)index) : 0;
        return new CsvRecord(line, cells, last + 1, null);
    }

    private string Text(Cell cell)
    {
        var value = cell.CellValue?.Text;
        if (cell.DataType?.Value is { } type)
        {
            if (type == CellValues.SharedString)
            {
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < _strings.Length ? _strings[at] : "";
            }

            if (type == CellValues.InlineString)
            {
                return cell.InlineString?.InnerText ?? "";
            }

            if (type == CellValues.Boolean)
            {
                return value == "1" ? "TRUE" : "FALSE";
            }

            if (type != CellValues.Number)
            {
                return value ?? "";
            }
        }

        // A code typed as a number (430000, 9430102001) is stored as a double; write it back as the digits typed.
        return value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == Math.Floor(number) && Math.Abs(number) < 1e15
                ? number.ToString("0", CultureInfo.InvariantCulture)
                : value ?? "";
    }

    /// <summary>The zero-based column of a cell reference such as "C12".</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (column > 16_384)
            {
                throw new ImportFileException($"cell '{reference}' is beyond the last column a worksheet has");
            }
        }

        return column - 1;
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _document.Dispose();
    }
}
