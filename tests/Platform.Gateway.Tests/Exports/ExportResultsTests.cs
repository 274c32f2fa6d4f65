using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Tests.Exports;

public sealed class ExportResultsTests
{
    [Fact]
    public async Task Streams_a_download_named_in_chinese()
    {
        var body = new AsyncOnlyStream();
        var context = new DefaultHttpContext();
        context.Response.Body = body;

        var result = ExportResults.Stream(new CsvExportWriter(), "2026年度评定结果", [Rows.Sheet("市级", ["名称"], ["长沙市"])]);
        await result.ExecuteAsync(context);

        Assert.Equal("text/csv; charset=utf-8", context.Response.ContentType);
        var disposition = context.Response.Headers.ContentDisposition.ToString();
        Assert.StartsWith("attachment; filename=2026.csv; ", disposition, StringComparison.Ordinal);
        Assert.EndsWith("filename*=UTF-8''2026%E5%B9%B4%E5%BA%A6%E8%AF%84%E5%AE%9A%E7%BB%93%E6%9E%9C.csv", disposition, StringComparison.Ordinal);
        Assert.Equal("\uFEFF名称\r\n长沙市\r\n", Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task The_ascii_filename_beside_the_chinese_one_is_the_one_the_route_names_and_titles_the_workbook_in_chinese()
    {
        var body = new AsyncOnlyStream();
        var context = new DefaultHttpContext();
        context.Response.Body = body;

        await ExportResults.Stream(new XlsxExportWriter(), "2026年度评定-c1-结果", [Rows.Sheet("市级", ["名称"], ["长沙市"])], "campaign-c1-results")
            .ExecuteAsync(context);

        Assert.Equal("attachment; filename=campaign-c1-results.xlsx; filename*=UTF-8''" + Uri.EscapeDataString("2026年度评定-c1-结果.xlsx"),
            context.Response.Headers.ContentDisposition.ToString());
        using var workbook = Workbook.Read(body.ToArray());
        Assert.Equal("2026年度评定-c1-结果", workbook.Title);
    }

    [Theory]
    [InlineData("湖南省-下级排名", "export.csv")]
    [InlineData("审计日志-t1 (2026)", "t1-2026.csv")]
    [InlineData("campaign c1/results", "campaign-c1-results.csv")]
    public async Task Without_a_named_ascii_filename_the_ascii_letters_digits_and_dashes_of_the_name_stand_in(string name, string ascii)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new AsyncOnlyStream();
        await ExportResults.Stream(new CsvExportWriter(), name, [Rows.Sheet("s", ["a"])]).ExecuteAsync(context);

        Assert.StartsWith($"attachment; filename={ascii}; filename*=UTF-8''", context.Response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_extension_is_added_only_when_missing()
    {
        var writer = new XlsxExportWriter();
        Assert.Equal("排名.xlsx", ((IFileHttpResult)ExportResults.Stream(writer, "排名", [])).FileDownloadName);
        Assert.Equal("排名.XLSX", ((IFileHttpResult)ExportResults.Stream(writer, "排名.XLSX", [])).FileDownloadName);
    }
}
