using System.Text;
using Platform.Domain.Imports;
using Platform.Gateway.Imports;

namespace Platform.Gateway.Tests.Imports;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public async Task An_unbalanced_quote_spoils_only_its_own_line()
    {
        var records = await ReadAllAsync("kind,code\nprovince,460000\n\"海口市,460100\ncity,460200\ncounty,460202\n");

        Assert.Equal([1, 2, 3, 4, 5], records.Select(r => r.Line));
        Assert.NotNull(records[2].Malformed);
        Assert.All(records.Where(r => r.Line != 3), r => Assert.Null(r.Malformed));
        Assert.Equal(["county", "460202"], records[4].Cells);
    }

    [Fact]
    public async Task An_unterminated_quote_on_the_last_line_is_malformed()
    {
        var records = await ReadAllAsync("kind,code\ncity,\"460200");
        Assert.NotNull(records[1].Malformed);
    }

    [Fact]
    public async Task Quoted_cells_keep_commas_and_doubled_quotes_and_lines_are_numbered_as_in_the_file()
    {
        var records = await ReadAllAsync("kind,name\r\n\r\nschool,\"长沙市第一中学, 初中部\"\r\nschool,\"他说\"\"好\"\"\"\rschool,湖南\"五化\"学校\n");

        Assert.Equal([1, 3, 4, 5], records.Select(r => r.Line));
        Assert.Equal("长沙市第一中学, 初中部", records[1].Cells[1]);
        Assert.Equal("他说\"好\"", records[2].Cells[1]);
        Assert.Equal("湖南\"五化\"学校", records[3].Cells[1]);
        Assert.All(records, r => Assert.Null(r.Malformed));
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_malformed_rather_than_silently_joined()
    {
        var records = await ReadAllAsync("kind,name\nschool,\"长沙\"一中\n");
        Assert.NotNull(records[1].Malformed);
    }

    [Fact]
    public async Task Only_the_cells_asked_for_are_read_but_all_are_counted()
    {
        using var reader = new CsvRecordReader(new StringReader(new string(',', 10_000) + "\n"));
        var record = await reader.ReadAsync(4, CancellationToken.None);

        Assert.Equal(4, record!.Cells.Count);
        Assert.Equal(10_001, record.FieldCount);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_refuses_the_file_naming_the_line()
    {
        var text = "kind,name\nschool,a\nschool," + new string('a', 2 * ImportLimits.MaxLineBytes) + "\nschool,b\n";
        var refused = await Assert.ThrowsAsync<ImportFileException>(() => ReadAllAsync(text));
        Assert.Contains("line 3", refused.Message);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_refuse_the_file()
    {
        var gbk = new byte[] { 0x6B, 0x69, 0x6E, 0x64, 0x0A, 0xBA, 0xFE, 0xC4, 0xCF, 0x0A };
        var text = new StreamReader(new MemoryStream(gbk), new UTF8Encoding(false, throwOnInvalidBytes: true));
        var refused = await Assert.ThrowsAsync<ImportFileException>(() => ReadAllAsync(text));
        Assert.Contains("UTF-8", refused.Message);
    }

    private static Task<List<CsvRecord>> ReadAllAsync(string text) => ReadAllAsync(new StringReader(text));

    private static async Task<List<CsvRecord>> ReadAllAsync(TextReader text)
    {
        using var reader = new CsvRecordReader(text);
        var records = new List<CsvRecord>();
        while (await reader.ReadAsync(int.MaxValue, CancellationToken.None) is { } record)
        {
            records.Add(record);
        }

        return records;
    }
}
