using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.Gateway.Tests.Exports;

/// <summary>
/// An .xlsx opened with a real reader, the Open XML SDK (which refuses a package that is not one): its sheets, what a
/// cell holds and how it is shown (number format, bold), column widths, the frozen header, the autofilter and the
/// document properties.
/// </summary>
internal sealed class Workbook : IDisposable
{
    /// <summary>Excel's built-in number formats the exports use, by id (ECMA-376 §18.8.30).</summary>
    private static readonly Dictionary<uint, string> BuiltInFormats = new()
    {
        [0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00", [9] = "0%", [10] = "0.00%",
    };

    private readonly SpreadsheetDocument _document;

    private Workbook(SpreadsheetDocument document) => _document = document;

    public static Workbook Read(byte[] xlsx) => new(SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false));

    public IReadOnlyList<string> SheetNames =>
        [.. _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    public string? Title => _document.PackageProperties.Title;

    public string? Creator => _document.PackageProperties.Creator;

    public DateTime? Created => _document.PackageProperties.Created;

    /// <summary>What a reader shows for cell <paramref name="reference"/> ("B2") of <paramref name="sheet"/>, unformatted; null for no cell.</summary>
    public string? Text(string sheet, string reference) => Cell(sheet, reference) switch
    {
        null => null,
        { DataType.Value: var t } c when t == CellValues.InlineString => c.InlineString!.InnerText,
        { DataType.Value: var t } c when t == CellValues.SharedString =>
            _document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText,
        var c => c.CellValue?.Text,
    };

    /// <summary>Whether the cell is text (as opposed to a number, date or flag).</summary>
    public bool IsText(string sheet, string reference) =>
        Cell(sheet, reference)?.DataType?.Value is { } t && (t == CellValues.InlineString || t == CellValues.SharedString || t == CellValues.String);

    public double Number(string sheet, string reference) => double.Parse(Text(sheet, reference)!, CultureInfo.InvariantCulture);

    /// <summary>The number format code the cell is shown with.</summary>
    public string NumberFormat(string sheet, string reference)
    {
        var format = Format(sheet, reference);
        var id = format?.NumberFormatId?.Value ?? 0;
        if (BuiltInFormats.TryGetValue(id, out var builtIn))
        {
            return builtIn;
        }

        return Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!;
    }

    public bool IsBold(string sheet, string reference)
    {
        var fontId = Format(sheet, reference)?.FontId?.Value ?? 0;
        var font = Stylesheet.Fonts!.Elements<Font>().ElementAt((int)fontId);
        return font.Bold is { } bold && (bold.Val is null || bold.Val.Value);
    }

    /// <summary>The width of column <paramref name="column"/> (1-based), in characters of the default font.</summary>
    public double? ColumnWidth(string sheet, int column) =>
        Worksheet(sheet).Worksheet.GetFirstChild<Columns>()?.Elements<Column>()
            .FirstOrDefault(c => c.Min!.Value <= column && column <= c.Max!.Value)?.Width?.Value;

    /// <summary>How many rows the sheet keeps in view when scrolling (a frozen pane's ySplit).</summary>
    public int FrozenRows(string sheet)
    {
        var pane = Worksheet(sheet).Worksheet.Descendants<Pane>().SingleOrDefault();
        return pane is { State.Value: var state } && state == PaneStateValues.Frozen ? (int)(pane.VerticalSplit?.Value ?? 0) : 0;
    }

    /// <summary>The autofilter's range: the sheet's own, or its table's.</summary>
    public string? AutoFilter(string sheet)
    {
        var part = Worksheet(sheet);
        return part.Worksheet.GetFirstChild<AutoFilter>()?.Reference?.Value
            ?? part.TableDefinitionParts.SingleOrDefault()?.Table.AutoFilter?.Reference?.Value;
    }

    /// <summary>Every row's shown text, top to bottom, a row's cells by column (missing cells as null).</summary>
    public IReadOnlyList<string?[]> Rows(string sheet)
    {
        var data = Worksheet(sheet).Worksheet.GetFirstChild<SheetData>()!;
        var width = data.Elements<Row>().Select(r => r.Elements<Cell>().Count()).DefaultIfEmpty(0).Max();
        return
        [
            .. data.Elements<Row>().Select(r =>
            {
                var cells = new string?[width];
                var i = 0;
                foreach (var cell in r.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : i;
                    cells[column] = Text(sheet, $"{ColumnName(column)}{r.RowIndex?.Value ?? (uint)(data.Elements<Row>().ToList().IndexOf(r) + 1)}");
                    i = column + 1;
                }

                return cells;
            }),
        ];
    }

    public void Dispose() => _document.Dispose();

    private Stylesheet Stylesheet => _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

    private CellFormat? Format(string sheet, string reference)
    {
        var index = Cell(sheet, reference)?.StyleIndex?.Value ?? 0;
        return Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)index);
    }

    private WorksheetPart Worksheet(string sheet)
    {
        var id = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return (WorksheetPart)_document.WorkbookPart.GetPartById(id);
    }

    /// <summary>The cell at <paramref name="reference"/>, by its reference or, where the writer leaves references out, by position.</summary>
    private Cell? Cell(string sheet, string reference)
    {
        var column = ColumnIndex(reference);
        var row = uint.Parse(reference.AsSpan(reference.IndexOfAny("0123456789".ToCharArray())), CultureInfo.InvariantCulture);
        var rows = Worksheet(sheet).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var found = rows.FirstOrDefault(r => r.RowIndex?.Value == row) ?? (rows.All(r => r.RowIndex is null) && row <= rows.Count ? rows[(int)row - 1] : null);
        if (found is null)
        {
            return null;
        }

        var cells = found.Elements<Cell>().ToList();
        return cells.FirstOrDefault(c => c.CellReference?.Value == reference)
            ?? (cells.All(c => c.CellReference is null) && column < cells.Count ? cells[column] : null);
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            index = index * 26 + (c - 'A' + 1);
        }

        return index - 1;
    }

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
