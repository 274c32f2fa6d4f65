using System.Globalization;
using System.Text;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Tests.Exports;

public sealed class CsvExportWriterTests
{
    private static readonly string[] Headers = ["组织代码", "名称", "得分"];

    [Fact]
    public async Task Starts_with_a_byte_order_mark_and_quotes_as_rfc_4180_with_crlf()
    {
        var bytes = await WriteAsync(Rows.Sheet("党组织", Headers,
            ["9430103001-01", "第一党支部", 95.5m],
            ["9430103001-02", "他说\"好\"，逗号,和\n换行", null]));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.Equal(
            "组织代码,名称,得分\r\n" +
            "9430103001-01,第一党支部,95.5\r\n" +
            "9430103001-02,\"他说\"\"好\"\"，逗号,和\n换行\",\r\n",
            text);
        Assert.Equal(["9430103001-02", "他说\"好\"，逗号,和\n换行", ""], ReadRecord(text, 2));
    }

    [Fact]
    public async Task Numbers_times_and_flags_read_the_same_in_every_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var time = new DateTimeOffset(2026, 3, 1, 9, 30, 5, TimeSpan.FromHours(8));
            var text = Text(await WriteAsync(Rows.Sheet("s", ["a", "b", "c", "d", "e", "f", "g"],
                [-1234567, 9_000_000_000L, 1234.5m, 0.1 + 0.2, true, false, time])));

            Assert.EndsWith("\r\n-1234567,9000000000,1234.5,0.30000000000000004,TRUE,FALSE,2026-03-01 09:30:05\r\n", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task Characters_a_reader_cannot_see_are_written_as_replacement_characters()
    {
        var text = Text(await WriteAsync(Rows.Sheet("s", ["名称"], ["支\u0000部\u0007"], ["\u202E部支"], ["零\u200B宽"], ["换\n行\t制表"], ["𠀀\uD800"])));

        Assert.Equal("名称\r\n支\uFFFD部\uFFFD\r\n\uFFFD部支\r\n零\uFFFD宽\r\n\"换\n行\t制表\"\r\n𠀀\uFFFD\r\n", text);
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+86 731", "'+86 731")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("=1,2", "\"'=1,2\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public async Task Text_a_spreadsheet_would_run_as_a_formula_is_kept_text(string cell, string written)
    {
        var text = Text(await WriteAsync(Rows.Sheet("s", ["备注"], [cell])));
        Assert.Equal($"备注\r\n{written}\r\n", text);
    }

    [Fact]
    public async Task A_negative_number_is_not_text_and_gets_no_apostrophe()
    {
        var text = Text(await WriteAsync(Rows.Sheet("s", ["差值"], [-5], [-0.5m])));
        Assert.Equal("差值\r\n-5\r\n-0.5\r\n", text);
    }

    [Fact]
    public async Task One_sheet_has_no_level_column_and_several_share_one_table_led_by_it()
    {
        Assert.StartsWith("组织代码,", Text(await WriteAsync(Rows.Sheet("市级", Headers, ["430100", "长沙市", 90]))));

        var text = Text(await WriteAsync(
            Rows.Sheet("市级", Headers, ["430100", "长沙市", 90]),
            Rows.Sheet("县级", Headers, ["430102", "芙蓉区", 88], ["430103", "天心区", 87])));

        Assert.Equal(
            "层级,组织代码,名称,得分\r\n" +
            "市级,430100,长沙市,90\r\n" +
            "县级,430102,芙蓉区,88\r\n" +
            "县级,430103,天心区,87\r\n",
            text);
    }

    [Fact]
    public async Task Levels_with_other_columns_share_one_table_and_no_column_changes_meaning_between_levels()
    {
        var text = Text(await WriteAsync(
            Rows.Sheet("市级", ["代码", "名称", "平均分", "达标率"], ["430100", "长沙市", 90.5m, 0.75m]),
            Rows.Sheet("支部", ["代码", "名称", "总分", "达标"], ["9430102001-01", "第一党支部", 95m, "是"])));

        Assert.Equal(
            "层级,代码,名称,平均分,达标率,总分,达标\r\n" +
            "市级,430100,长沙市,90.5,0.75,,\r\n" +
            "支部,9430102001-01,第一党支部,,,95,是\r\n",
            text);
    }

    [Fact]
    public async Task A_totals_row_follows_its_sheets_rows()
    {
        var sheet = Rows.Sheet("下级", ["名称", "达标率"], ["长沙市", 0.5m]) with
        {
            Totals = () => Task.FromResult<IReadOnlyList<object?>?>(["湖南省（合计）", 0.6m]),
        };

        Assert.Equal("名称,达标率\r\n长沙市,0.5\r\n湖南省（合计）,0.6\r\n", Text(await WriteAsync(sheet)));
    }

    private static async Task<byte[]> WriteAsync(params ExportSheet[] sheets)
    {
        var output = new AsyncOnlyStream();
        await new CsvExportWriter().WriteAsync(output, sheets, CancellationToken.None);
        return output.ToArray();
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes.AsSpan(3));

    /// <summary>Record <paramref name="index"/> (the header is 0) as an RFC 4180 reader sees it, line breaks in quotes allowed.</summary>
    private static string[] ReadRecord(string text, int index)
    {
        using var reader = CsvHelper.CsvReader.FromText(text, new CsvHelper.CsvReaderOptions { Separator = ',', HasHeader = false });
        for (var i = 0; i <= index; i++)
        {
            Assert.True(reader.Read(), $"the text has no record {index}");
        }

        return reader.Current.ToArray();
    }
}
