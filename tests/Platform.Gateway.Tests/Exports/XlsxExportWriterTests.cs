using System.IO.Compression;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Tests.Exports;

/// <summary>The workbook writer, each file opened with the Open XML SDK as a spreadsheet application would.</summary>
public sealed class XlsxExportWriterTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Opens_in_a_real_reader_with_one_worksheet_per_sheet()
    {
        using var workbook = await WriteAsync(
            Rows.Sheet("市级排名", ["组织代码", "名称"], ["430100", "长沙市"]),
            Rows.Sheet("县级排名", ["组织代码", "名称"], ["430102", "芙蓉区"]));

        Assert.Equal(["市级排名", "县级排名"], workbook.SheetNames);
        Assert.Equal("芙蓉区", workbook.Text("县级排名", "B2"));
        Assert.Equal("组织代码", workbook.Text("市级排名", "A1"));
    }

    [Fact]
    public async Task The_header_is_bold_frozen_and_filters_the_rows_and_cells_keep_their_types()
    {
        using var workbook = await WriteAsync(Rows.Sheet("党组织", ["组织代码", "名称", "党员", "得分", "占比", "达标", "提交时间", "备注"],
            ["9430103001-01", "中共长沙市第一中学委员会", 42, 95.5m, 0.25, true, Submitted, null],
            ["9430103001-02", "第二党支部", 7, 80m, 0.5, false, Submitted, "补交"]));

        Assert.All(["A1", "D1", "H1"], r => Assert.True(workbook.IsBold("党组织", r)));
        Assert.False(workbook.IsBold("党组织", "A2"));
        Assert.Equal(1, workbook.FrozenRows("党组织"));
        Assert.Equal("A1:H3", workbook.AutoFilter("党组织"));

        Assert.True(workbook.IsText("党组织", "B2"));
        Assert.Equal("中共长沙市第一中学委员会", workbook.Text("党组织", "B2"));
        Assert.Equal(42, workbook.Number("党组织", "C2"));
        Assert.Equal(95.5, workbook.Number("党组织", "D2"));
        Assert.Equal(0.25, workbook.Number("党组织", "E2"));
        Assert.Equal("1", workbook.Text("党组织", "F2"));
        Assert.Equal(new DateTime(2026, 3, 1, 9, 30, 0), DateTime.FromOADate(workbook.Number("党组织", "G2")));
        Assert.Equal("yyyy-mm-dd hh:mm:ss", workbook.NumberFormat("党组织", "G2"));
        Assert.Null(workbook.Text("党组织", "H2"));
        Assert.Equal("补交", workbook.Text("党组织", "H3"));
    }

    [Fact]
    public async Task Counts_scores_rates_and_times_are_formatted_by_their_column_kind()
    {
        var sheet = new ExportSheet("排名",
        [
            new("名称"), new("党员", ExportColumnKind.Integer), new("平均分", ExportColumnKind.Decimal),
            new("达标率", ExportColumnKind.Percent), new("时间", ExportColumnKind.Date),
        ], Rows.Of(["长沙市", 12_345, 91.256m, 0.8333m, Submitted]));
        using var workbook = await WriteAsync(sheet);

        Assert.Equal("General", workbook.NumberFormat("排名", "A2"));
        Assert.Equal("#,##0", workbook.NumberFormat("排名", "B2"));
        Assert.Equal("0.00", workbook.NumberFormat("排名", "C2"));
        Assert.Equal("0.00%", workbook.NumberFormat("排名", "D2"));
        Assert.Equal(0.8333, workbook.Number("排名", "D2"));
        Assert.Equal("yyyy-mm-dd hh:mm:ss", workbook.NumberFormat("排名", "E2"));
    }

    [Fact]
    public async Task Columns_are_as_wide_as_codes_and_chinese_names_with_a_chinese_character_counting_double()
    {
        using var workbook = await WriteAsync(Rows.Sheet("s", ["代码", "名称", "备注", "率"],
            ["9430102001-01", "中共长沙市第一中学委员会", new string('长', 200), 1],
            ["430100", "长沙市", "", 2]));

        var code = workbook.ColumnWidth("s", 1)!.Value;
        var name = workbook.ColumnWidth("s", 2)!.Value;
        Assert.InRange(code, "9430102001-01".Length, "9430102001-01".Length + 4);
        Assert.InRange(name, 2 * "中共长沙市第一中学委员会".Length, 2 * "中共长沙市第一中学委员会".Length + 4);
        Assert.Equal(ColumnWidths.Maximum, workbook.ColumnWidth("s", 3));
        Assert.Equal(ColumnWidths.Minimum, workbook.ColumnWidth("s", 4));
    }

    [Fact]
    public async Task The_totals_row_is_bold_under_the_rows_and_outside_the_filter_so_a_sort_leaves_it_last()
    {
        var sheet = new ExportSheet("下级", [new("名称"), new("达标率", ExportColumnKind.Percent)], Rows.Of(["长沙市", 0.5m], ["株洲市", 0.75m]))
        {
            Totals = () => Task.FromResult<IReadOnlyList<object?>?>(["湖南省（合计）", 0.6m]),
        };
        using var workbook = await WriteAsync(sheet);

        Assert.Equal("湖南省（合计）", workbook.Text("下级", "A4"));
        Assert.True(workbook.IsBold("下级", "A4"));
        Assert.True(workbook.IsBold("下级", "B4"));
        Assert.Equal("0.00%", workbook.NumberFormat("下级", "B4"));
        Assert.Equal("A1:B3", workbook.AutoFilter("下级"));
    }

    [Fact]
    public async Task A_sheet_without_rows_still_has_its_header_frozen_and_filterable()
    {
        var sheet = Rows.Sheet("空白点学校", ["学校代码", "学校名称"]) with { Totals = () => Task.FromResult<IReadOnlyList<object?>?>(null) };
        using var workbook = await WriteAsync(sheet);

        Assert.Equal([["学校代码", "学校名称"]], workbook.Rows("空白点学校"));
        Assert.Equal("A1:B1", workbook.AutoFilter("空白点学校"));
        Assert.Equal(1, workbook.FrozenRows("空白点学校"));
    }

    [Fact]
    public async Task The_document_properties_name_the_title_platform_as_author_and_the_time_it_was_made()
    {
        var output = new AsyncOnlyStream();
        var before = DateTime.UtcNow.AddSeconds(-2);
        await new XlsxExportWriter { Title = "2026年度评定结果" }.WriteAsync(output, [Rows.Sheet("s", ["a"], ["1"])], CancellationToken.None);
        using var workbook = Workbook.Read(output.ToArray());

        Assert.Equal("2026年度评定结果", workbook.Title);
        Assert.Equal("Platform", workbook.Creator);
        Assert.InRange(workbook.Created!.Value.ToUniversalTime(), before, DateTime.UtcNow.AddSeconds(2));
    }

    [Fact]
    public async Task Values_excel_would_change_are_written_as_text()
    {
        using var workbook = await WriteAsync(Rows.Sheet("s", ["身份证号", "金额", "比率", "旧日期", "小数"],
            [430102199001011234L, 1_000_000_000_000_000m, double.NaN, new DateTimeOffset(1899, 12, 31, 0, 0, 0, TimeSpan.Zero), 999_999_999_999_999L]));

        Assert.Equal(("430102199001011234", true), (workbook.Text("s", "A2"), workbook.IsText("s", "A2")));
        Assert.Equal(("1000000000000000", true), (workbook.Text("s", "B2"), workbook.IsText("s", "B2")));
        Assert.Equal(("NaN", true), (workbook.Text("s", "C2"), workbook.IsText("s", "C2")));
        Assert.Equal(("1899-12-31 00:00:00", true), (workbook.Text("s", "D2"), workbook.IsText("s", "D2")));
        Assert.Equal(("999999999999999", false), (workbook.Text("s", "E2"), workbook.IsText("s", "E2")));
    }

    [Fact]
    public async Task Text_xml_cannot_hold_or_excel_would_decode_is_escaped_and_edge_spaces_kept()
    {
        using var workbook = await WriteAsync(Rows.Sheet("s", ["a", "b", "c", "d", "e"],
            ["响\u0001铃", "_x0041_", " 前后空格 ", "=1+1", "\u202E铃响"]));

        // A control or bidirectional character would reach the reader once Excel decodes the cell: it shows as U+FFFD.
        Assert.Equal("响\uFFFD铃", workbook.Text("s", "A2"));
        Assert.Equal("\uFFFD铃响", workbook.Text("s", "E2"));
        Assert.Equal("_x005F_x0041_", workbook.Text("s", "B2"));
        Assert.Equal(" 前后空格 ", workbook.Text("s", "C2"));

        // An inline string is never evaluated, so unlike CSV it needs no apostrophe.
        Assert.Equal(("=1+1", true), (workbook.Text("s", "D2"), workbook.IsText("s", "D2")));
    }

    [Fact]
    public async Task Sheet_names_from_data_become_names_excel_accepts()
    {
        using var workbook = await WriteAsync(
            Rows.Sheet("学校/幼儿园", ["a"]),
            Rows.Sheet("学校:幼儿园", ["a"]),
            Rows.Sheet("", ["a"]));

        Assert.Equal(["学校_幼儿园", "学校_幼儿园 (2)", "Sheet3"], workbook.SheetNames);
    }

    [Fact]
    public async Task A_failed_export_leaves_no_central_directory_so_it_cannot_pass_for_whole()
    {
        var output = new AsyncOnlyStream();
        // Rows that do not compress away, so part of the file has gone out before the bad row.
        var rows = Enumerable.Range(0, 20_000).Select(i => new object?[] { Guid.NewGuid().ToString(), $"{i}" }).Append(["only one"]).ToArray();
        var sheet = Rows.Sheet("s", ["a", "b"], rows);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new XlsxExportWriter().WriteAsync(output, [sheet], CancellationToken.None));

        Assert.True(output.Written > 0);
        Assert.ThrowsAny<InvalidDataException>(() => new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read));
    }

    private static async Task<Workbook> WriteAsync(params ExportSheet[] sheets)
    {
        var output = new AsyncOnlyStream();
        await new XlsxExportWriter().WriteAsync(output, sheets, CancellationToken.None);
        return Workbook.Read(output.ToArray());
    }
}
