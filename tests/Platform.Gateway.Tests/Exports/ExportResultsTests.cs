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
        Assert.StartsWith("attachment; filename=", disposition, StringComparison.Ordinal);
        Assert.EndsWith("filename*=UTF-8''2026%E5%B9%B4%E5%BA%A6%E8%AF%84%E5%AE%9A%E7%BB%93%E6%9E%9C.csv", disposition, StringComparison.Ordinal);
        Assert.Equal("\uFEFF名称\r\n长沙市\r\n", Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public void The_extension_is_added_only_when_missing()
    {
        var writer = new XlsxExportWriter();
        Assert.Equal("排名.xlsx", ((IFileHttpResult)ExportResults.Stream(writer, "排名", [])).FileDownloadName);
        Assert.Equal("排名.XLSX", ((IFileHttpResult)ExportResults.Stream(writer, "排名.XLSX", [])).FileDownloadName);
    }
}
