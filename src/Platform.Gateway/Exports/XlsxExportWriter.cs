using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Platform.Gateway.Exports;

/// <summary>
/// Writes an Office Open XML workbook (.xlsx), one worksheet per sheet, straight onto a stream that need not be
/// seekable: each part is deflated into the zip as its XML is written, so memory stays flat however many rows pass.
/// </summary>
/// <remarks>
/// <para>
/// Only what Excel and LibreOffice need to open the file: content types, package and workbook relationships, the
/// workbook, a style sheet (a bold header row and a date format) and the worksheets, each with its header row frozen.
/// Text goes inline into each cell rather than into a shared strings table, which would have to hold every distinct
/// string until the end.
/// </para>
/// <para>
/// ASP.NET Core refuses synchronous writes to a response body, and .NET 10's async zip API does not avoid them: an
/// entry stream from <see cref="ZipArchiveEntry.OpenAsync"/> still finishes its deflate block with a synchronous write
/// when disposed asynchronously (seen on 10.0.12). So the zip is written to a <see cref="SpoolStream"/> in memory,
/// synchronously, and the spool is drained to the output asynchronously after each part and whenever it holds
/// <see cref="DrainAt"/> bytes between two rows. With every write landing in memory, the XML is written synchronously
/// too, which spares an awaited task per cell.
/// </para>
/// <para>
/// Excel keeps 15 significant digits, so a <see cref="long"/> or <see cref="decimal"/> of 10^15 or more (an 18-digit
/// ID number, say) would come back silently changed; such a value is written as text. A <see cref="DateTimeOffset"/>
/// is a date cell unless it falls before 1 March 1900, where Excel's dates go wrong, and is then text as well. Text is
/// never evaluated in an .xlsx, so unlike CSV it needs no guard against formulas.
/// </para>
/// </remarks>
internal sealed class XlsxExportWriter : ITableExportWriter
{
    public const int DrainAt = 64 * 1024;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string MediaTypeRoot = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    /// <summary>Indexes into the cellXfs of <see cref="Styles"/>.</summary>
    private const string HeaderStyle = "1";
    private const string DateStyle = "2";

    private static readonly decimal Exact = 1_000_000_000_000_000m;
    private static readonly DateTime FirstTrueExcelDate = new(1900, 3, 1);

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CloseOutput = false,
    };

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string FileExtension => ".xlsx";

    public async Task WriteAsync(Stream output, IReadOnlyList<ExportSheet> sheets, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sheets.Count, nameof(sheets));
        var names = ExcelSheetNames.Assign(sheets.Select(s => s.Name));

        using var spool = new SpoolStream(output);

        // Not disposed on failure: disposing writes the central directory, and a workbook whose rows failed half way
        // must stay an unreadable zip rather than open looking complete.
        var zip = new ZipArchive(spool, ZipArchiveMode.Create, leaveOpen: true);
        WritePart(zip, "[Content_Types].xml", xml => WriteContentTypes(xml, sheets.Count));
        WritePart(zip, "_rels/.rels", WritePackageRelationships);
        WritePart(zip, "xl/workbook.xml", xml => WriteWorkbook(xml, names));
        WritePart(zip, "xl/_rels/workbook.xml.rels", xml => WriteWorkbookRelationships(xml, sheets.Count));
        WritePart(zip, "xl/styles.xml", WriteStyles);
        await spool.DrainAsync(cancellationToken);

        for (var i = 0; i < sheets.Count; i++)
        {
            await WriteWorksheetAsync(zip, $"xl/worksheets/sheet{i + 1}.xml", sheets[i], spool, cancellationToken);
            await spool.DrainAsync(cancellationToken);
        }

        zip.Dispose();
        await spool.DrainAsync(cancellationToken);
    }

    private static void WritePart(ZipArchive zip, string path, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var xml = XmlWriter.Create(stream, Settings);
        xml.WriteStartDocument(standalone: true);
        write(xml);
        xml.WriteEndDocument();
    }

    private static void WriteContentTypes(XmlWriter xml, int sheetCount)
    {
        xml.WriteStartElement("Types", ContentTypes);
        WriteDefault("rels", "application/vnd.openxmlformats-package.relationships+xml");
        WriteDefault("xml", "application/xml");
        WriteOverride("/xl/workbook.xml", "sheet.main+xml");
        WriteOverride("/xl/styles.xml", "styles+xml");
        for (var i = 1; i <= sheetCount; i++)
        {
            WriteOverride($"/xl/worksheets/sheet{i}.xml", "worksheet+xml");
        }

        xml.WriteEndElement();

        void WriteDefault(string extension, string type)
        {
            xml.WriteStartElement("Default", ContentTypes);
            xml.WriteAttributeString("Extension", extension);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }

        void WriteOverride(string part, string type)
        {
            xml.WriteStartElement("Override", ContentTypes);
            xml.WriteAttributeString("PartName", part);
            xml.WriteAttributeString("ContentType", MediaTypeRoot + type);
            xml.WriteEndElement();
        }
    }

    private static void WritePackageRelationships(XmlWriter xml)
    {
        xml.WriteStartElement("Relationships", PackageRelationships);
        WriteRelationship(xml, "rId1", "officeDocument", "xl/workbook.xml");
        xml.WriteEndElement();
    }

    private static void WriteWorkbookRelationships(XmlWriter xml, int sheetCount)
    {
        xml.WriteStartElement("Relationships", PackageRelationships);
        for (var i = 1; i <= sheetCount; i++)
        {
            WriteRelationship(xml, $"rId{i}", "worksheet", $"worksheets/sheet{i}.xml");
        }

        WriteRelationship(xml, $"rId{sheetCount + 1}", "styles", "styles.xml");
        xml.WriteEndElement();
    }

    private static void WriteRelationship(XmlWriter xml, string id, string type, string target)
    {
        xml.WriteStartElement("Relationship", PackageRelationships);
        xml.WriteAttributeString("Id", id);
        xml.WriteAttributeString("Type", $"{Relationships}/{type}");
        xml.WriteAttributeString("Target", target);
        xml.WriteEndElement();
    }

    private static void WriteWorkbook(XmlWriter xml, IReadOnlyList<string> names)
    {
        xml.WriteStartElement("workbook", Main);
        xml.WriteAttributeString("xmlns", "r", null, Relationships);
        xml.WriteStartElement("bookViews", Main);
        xml.WriteStartElement("workbookView", Main);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("sheets", Main);
        for (var i = 0; i < names.Count; i++)
        {
            xml.WriteStartElement("sheet", Main);
            xml.WriteAttributeString("name", names[i]);
            xml.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("id", Relationships, $"rId{i + 1}");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>The least Excel accepts: its required default font, fills and border, plus a bold font and a date format.</summary>
    private const string Styles =
        $"""
        <styleSheet xmlns="{Main}">
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="3">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        </cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>
        """;

    private static void WriteStyles(XmlWriter xml)
    {
        using var styles = XmlReader.Create(new StringReader(Styles));
        xml.WriteNode(styles, defattr: false);
    }

    private static async Task WriteWorksheetAsync(ZipArchive zip, string path, ExportSheet sheet, SpoolStream spool, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, sheet.Columns.Count).Select(ColumnName).ToArray();
        using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var xml = XmlWriter.Create(stream, Settings);
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("worksheet", Main);
        WriteFrozenHeader(xml);
        xml.WriteStartElement("sheetData", Main);

        StartRow(xml, "1");
        for (var c = 0; c < columns.Length; c++)
        {
            WriteTextCell(xml, columns[c] + "1", sheet.Columns[c].Header, HeaderStyle);
        }

        xml.WriteEndElement();

        var rowNumber = 0;
        await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
        {
            ExportRules.EnsureWidth(sheet, row, ++rowNumber);
            var r = (rowNumber + 1).ToString(CultureInfo.InvariantCulture);
            StartRow(xml, r);
            for (var c = 0; c < columns.Length; c++)
            {
                WriteCell(xml, columns[c] + r, row[c]);
            }

            xml.WriteEndElement();
            if (spool.Pending >= DrainAt)
            {
                await spool.DrainAsync(cancellationToken);
            }
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteFrozenHeader(XmlWriter xml)
    {
        xml.WriteStartElement("sheetViews", Main);
        xml.WriteStartElement("sheetView", Main);
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane", Main);
        xml.WriteAttributeString("ySplit", "1");
        xml.WriteAttributeString("topLeftCell", "A2");
        xml.WriteAttributeString("activePane", "bottomLeft");
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void StartRow(XmlWriter xml, string r)
    {
        xml.WriteStartElement("row", Main);
        xml.WriteAttributeString("r", r);
    }

    private static void WriteCell(XmlWriter xml, string reference, object? cell)
    {
        switch (cell)
        {
            case null:
                break;
            case string text:
                WriteTextCell(xml, reference, text, style: null);
                break;
            case int number:
                WriteValueCell(xml, reference, number.ToString(CultureInfo.InvariantCulture));
                break;
            case long number when Math.Abs((decimal)number) < Exact:
                WriteValueCell(xml, reference, number.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number when Math.Abs(number) < Exact:
                WriteValueCell(xml, reference, number.ToString(CultureInfo.InvariantCulture));
                break;
            case long or decimal:
                WriteTextCell(xml, reference, ((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture), style: null);
                break;
            case double number when double.IsFinite(number):
                WriteValueCell(xml, reference, number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case double number:
                WriteTextCell(xml, reference, number.ToString(CultureInfo.InvariantCulture), style: null);
                break;
            case bool flag:
                WriteValueCell(xml, reference, flag ? "1" : "0", type: "b");
                break;
            case DateTimeOffset time when time.DateTime >= FirstTrueExcelDate:
                WriteValueCell(xml, reference, time.DateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture), style: DateStyle);
                break;
            case DateTimeOffset time:
                WriteTextCell(xml, reference, ExportRules.WallClock(time), style: null);
                break;
            default:
                throw ExportRules.Unsupported(cell);
        }
    }

    private static void WriteValueCell(XmlWriter xml, string reference, string value, string? type = null, string? style = null)
    {
        xml.WriteStartElement("c", Main);
        xml.WriteAttributeString("r", reference);
        if (type is not null)
        {
            xml.WriteAttributeString("t", type);
        }

        if (style is not null)
        {
            xml.WriteAttributeString("s", style);
        }

        xml.WriteElementString("v", Main, value);
        xml.WriteEndElement();
    }

    private static void WriteTextCell(XmlWriter xml, string reference, string text, string? style)
    {
        xml.WriteStartElement("c", Main);
        xml.WriteAttributeString("r", reference);
        xml.WriteAttributeString("t", "inlineStr");
        if (style is not null)
        {
            xml.WriteAttributeString("s", style);
        }

        xml.WriteStartElement("is", Main);
        xml.WriteStartElement("t", Main);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            // Excel trims the ends of a string unless told otherwise.
            xml.WriteAttributeString("xml", "space", null, "preserve");
        }

        xml.WriteString(SpreadsheetText.Escape(ExportRules.Visible(text)));
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>Excel's column letters: 0 → A, 25 → Z, 26 → AA.</summary>
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
