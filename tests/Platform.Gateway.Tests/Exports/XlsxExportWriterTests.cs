using System.IO.Compression;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Tests.Exports;

public sealed class XlsxExportWriterTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Holds_the_parts_excel_needs_and_one_worksheet_per_sheet()
    {
        var workbook = await WriteAsync(
            Rows.Sheet("市级排名", ["组织代码", "名称"], ["430100", "长沙市"]),
            Rows.Sheet("县级排名", ["组织代码", "名称"], ["430102", "芙蓉区"]));

        Assert.Equal(
            ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"],
            workbook.Parts.Keys.Order(StringComparer.Ordinal));
        var overrides = workbook.Parts["[Content_Types].xml"].Root!.Elements().Select(e => (string?)e.Attribute("PartName")).OfType<string>();
        Assert.Equal(["/xl/workbook.xml", "/xl/styles.xml", "/xl/worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml"], overrides);
        Assert.Equal("xl/workbook.xml", (string?)workbook.Parts["_rels/.rels"].Root!.Elements().Single().Attribute("Target"));

        var sheets = workbook.Sheets();
        Assert.Equal(["市级排名", "县级排名"], sheets.Select(s => s.Name));
        Assert.Equal("芙蓉区", Workbook.Text(Workbook.Cells(sheets[1].Worksheet)["B2"]));
    }

    [Fact]
    public async Task Headers_are_bold_text_and_frozen_and_cells_keep_their_types()
    {
        var workbook = await WriteAsync(Rows.Sheet("党组织", ["组织代码", "名称", "党员", "得分", "占比", "达标", "提交时间", "备注"],
            ["9430103001-01", "中共长沙市第一中学委员会", 42, 95.5m, 0.25, true, Submitted, null]));

        var worksheet = workbook.Sheets().Single().Worksheet;
        var cells = Workbook.Cells(worksheet);
        Assert.All(["A1", "B1", "C1", "D1", "E1", "F1", "G1", "H1"], r =>
        {
            Assert.Equal("inlineStr", (string?)cells[r].Attribute("t"));
            Assert.Equal("1", (string?)cells[r].Attribute("s"));
        });
        Assert.Equal("组织代码", Workbook.Text(cells["A1"]));
        Assert.Equal("提交时间", Workbook.Text(cells["G1"]));

        Assert.Equal(("inlineStr", "中共长沙市第一中学委员会"), (Type(cells["B2"]), Workbook.Text(cells["B2"])));
        Assert.Equal(("n", "42"), (Type(cells["C2"]), Workbook.Text(cells["C2"])));
        Assert.Equal(("n", "95.5"), (Type(cells["D2"]), Workbook.Text(cells["D2"])));
        Assert.Equal(("n", "0.25"), (Type(cells["E2"]), Workbook.Text(cells["E2"])));
        Assert.Equal(("b", "1"), (Type(cells["F2"]), Workbook.Text(cells["F2"])));
        Assert.Equal(("n", "2"), (Type(cells["G2"]), (string?)cells["G2"].Attribute("s")));
        Assert.Equal(new DateTime(2026, 3, 1, 9, 30, 0), DateTime.FromOADate(double.Parse(Workbook.Text(cells["G2"]), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(cells.ContainsKey("H2"));

        var pane = worksheet.Descendants(Workbook.Main + "pane").Single();
        Assert.Equal(("1", "frozen"), ((string?)pane.Attribute("ySplit"), (string?)pane.Attribute("state")));
        var styles = workbook.Parts["xl/styles.xml"].Root!;
        Assert.NotNull(styles.Element(Workbook.Main + "fonts")!.Elements().ElementAt(1).Element(Workbook.Main + "b"));
        Assert.Equal("yyyy-mm-dd hh:mm:ss", (string?)styles.Descendants(Workbook.Main + "numFmt").Single().Attribute("formatCode"));
    }

    [Fact]
    public async Task Values_excel_would_change_are_written_as_text()
    {
        var cells = Workbook.Cells((await WriteAsync(Rows.Sheet("s", ["身份证号", "金额", "比率", "旧日期", "小数"],
            [430102199001011234L, 1_000_000_000_000_000m, double.NaN, new DateTimeOffset(1899, 12, 31, 0, 0, 0, TimeSpan.Zero), 999_999_999_999_999L])))
            .Sheets().Single().Worksheet);

        Assert.Equal(("inlineStr", "430102199001011234"), (Type(cells["A2"]), Workbook.Text(cells["A2"])));
        Assert.Equal(("inlineStr", "1000000000000000"), (Type(cells["B2"]), Workbook.Text(cells["B2"])));
        Assert.Equal(("inlineStr", "NaN"), (Type(cells["C2"]), Workbook.Text(cells["C2"])));
        Assert.Equal(("inlineStr", "1899-12-31 00:00:00"), (Type(cells["D2"]), Workbook.Text(cells["D2"])));
        Assert.Equal(("n", "999999999999999"), (Type(cells["E2"]), Workbook.Text(cells["E2"])));
    }

    [Fact]
    public async Task Text_xml_cannot_hold_or_excel_would_decode_is_escaped_and_edge_spaces_kept()
    {
        var cells = Workbook.Cells((await WriteAsync(Rows.Sheet("s", ["a", "b", "c", "d", "e"],
            ["响\u0001铃", "_x0041_", " 前后空格 ", "=1+1", "\u202E铃响"]))).Sheets().Single().Worksheet);

        // A control or bidirectional character would reach the reader once Excel decodes the cell: it shows as U+FFFD.
        Assert.Equal("响\uFFFD铃", Workbook.Text(cells["A2"]));
        Assert.Equal("\uFFFD铃响", Workbook.Text(cells["E2"]));
        Assert.Equal("_x005F_x0041_", Workbook.Text(cells["B2"]));
        Assert.Equal(" 前后空格 ", Workbook.Text(cells["C2"]));
        Assert.Equal("preserve", (string?)cells["C2"].Descendants(Workbook.Main + "t").Single().Attribute(System.Xml.Linq.XNamespace.Xml + "space"));

        // An inline string is never evaluated, so unlike CSV it needs no apostrophe.
        Assert.Equal(("inlineStr", "=1+1"), (Type(cells["D2"]), Workbook.Text(cells["D2"])));
    }

    [Fact]
    public async Task Sheet_names_from_data_become_names_excel_accepts()
    {
        var workbook = await WriteAsync(
            Rows.Sheet("学校/幼儿园", ["a"]),
            Rows.Sheet("学校:幼儿园", ["a"]),
            Rows.Sheet("", ["a"]));

        Assert.Equal(["学校_幼儿园", "学校_幼儿园 (2)", "Sheet3"], workbook.Sheets().Select(s => s.Name));
    }

    [Fact]
    public async Task A_failed_export_leaves_no_central_directory_so_it_cannot_pass_for_whole()
    {
        var output = new AsyncOnlyStream();
        var sheet = Rows.Sheet("s", ["a", "b"], ["1", "2"], ["only one"]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new XlsxExportWriter().WriteAsync(output, [sheet], CancellationToken.None));

        Assert.True(output.Written > 0);
        Assert.ThrowsAny<InvalidDataException>(() => new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read));
    }

    private static string Type(System.Xml.Linq.XElement cell) => (string?)cell.Attribute("t") ?? "n";

    private static async Task<Workbook> WriteAsync(params ExportSheet[] sheets)
    {
        var output = new AsyncOnlyStream();
        await new XlsxExportWriter().WriteAsync(output, sheets, CancellationToken.None);
        return Workbook.Read(output.ToArray());
    }
}
