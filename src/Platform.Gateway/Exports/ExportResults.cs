using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Exports;

/// <summary>Endpoint results that stream an export to the response as a download, rows flowing out as they are read.</summary>
internal static class ExportResults
{
    /// <summary>
    /// A download of <paramref name="sheets"/> in <paramref name="writer"/>'s format, named <paramref name="fileName"/>
    /// (Chinese is fine; the format's extension is added when missing). A failure once rows have gone out cannot become
    /// a problem response any more; ASP.NET Core then aborts the response, so the client sees a broken download rather
    /// than a short file.
    /// </summary>
    public static IResult Stream(ITableExportWriter writer, string fileName, IReadOnlyList<ExportSheet> sheets) =>
        new StreamedExport(writer, fileName.EndsWith(writer.FileExtension, StringComparison.OrdinalIgnoreCase) ? fileName : fileName + writer.FileExtension, sheets);

    private sealed class StreamedExport(ITableExportWriter writer, string fileName, IReadOnlyList<ExportSheet> sheets) : IResult, IFileHttpResult
    {
        public string ContentType => writer.ContentType;

        public string FileDownloadName => fileName;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = writer.ContentType;

            // Sets an ASCII filename for old clients and an RFC 5987 filename* that carries the Chinese name.
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            response.Headers.ContentDisposition = disposition.ToString();

            // Middleware and servers that hold writes back (response compression, IIS) pass each one on, so the download starts at once.
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await writer.WriteAsync(response.Body, sheets, httpContext.RequestAborted);
        }
    }
}
