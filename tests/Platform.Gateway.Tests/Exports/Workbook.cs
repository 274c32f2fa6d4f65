using System.IO.Compression;
using System.Xml.Linq;

namespace Platform.Gateway.Tests.Exports;

/// <summary>An .xlsx read back with nothing but ZipArchive and XDocument: its parts, its sheets by name, their cells.</summary>
internal sealed class Workbook
{
    public static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private Workbook(Dictionary<string, XDocument> parts) => Parts = parts;

    /// <summary>Every part by its path in the zip, each parsed, so each is well-formed XML.</summary>
    public IReadOnlyDictionary<string, XDocument> Parts { get; }

    public static Workbook Read(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var parts = zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            return XDocument.Load(stream);
        });
        return new Workbook(parts);
    }

    /// <summary>The sheets in workbook order, each found through the workbook's relationships as Excel finds it.</summary>
    public IReadOnlyList<(string Name, XElement Worksheet)> Sheets()
    {
        var targets = Parts["xl/_rels/workbook.xml.rels"].Root!.Elements(PackageRelationships + "Relationship")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!);
        return [.. Parts["xl/workbook.xml"].Root!.Element(Main + "sheets")!.Elements(Main + "sheet")
            .Select(s => ((string)s.Attribute("name")!, Parts["xl/" + targets[(string)s.Attribute(Relationships + "id")!]].Root!))];
    }

    /// <summary>A sheet's cells by reference ("B2").</summary>
    public static IReadOnlyDictionary<string, XElement> Cells(XElement worksheet) =>
        worksheet.Descendants(Main + "c").ToDictionary(c => (string)c.Attribute("r")!);

    /// <summary>What a reader shows for a cell: inline text or the raw value.</summary>
    public static string Text(XElement cell) =>
        (string?)cell.Attribute("t") == "inlineStr" ? (string)cell.Element(Main + "is")!.Element(Main + "t")! : (string)cell.Element(Main + "v")!;
}
