using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Exports;

/// <summary>Endpoint results that stream an export to the response as a download, rows flowing out as they are read.</summary>
internal static class ExportResults
{
    /// <summary>
    /// A download of <paramref name="sheets"/> in <paramref name="writer"/>'s format, named <paramref name="fileName"/>
    /// (Chinese is fine; the format's extension is added when missing). Content-Disposition carries that name as an
    /// RFC 5987 <c>filename*</c> and, for clients that read only <c>filename</c>, <paramref name="asciiFileName"/>
    /// (e.g. campaign-c1-results), or else the ASCII letters, digits and dashes of the name. An XLSX workbook is
    /// titled with the name. A failure once rows have gone out cannot become a problem response any more; ASP.NET
    /// Core then aborts the response, so the client sees a broken download rather than a short file.
    /// </summary>
    public static IResult Stream(ITableExportWriter writer, string fileName, IReadOnlyList<ExportSheet> sheets, string? asciiFileName = null)
    {
        var name = WithExtension(fileName, writer);
        if (writer is XlsxExportWriter { Title: null })
        {
            writer = new XlsxExportWriter { Title = Path.GetFileNameWithoutExtension(name) };
        }

        return new StreamedExport(writer, name, WithExtension(AsciiFallback(asciiFileName ?? fileName, writer), writer), sheets);
    }

    /// <summary>The format a route's <c>format</c> parameter names (csv or xlsx), or null for anything else.</summary>
    public static ITableExportWriter? WriterFor(string? format) => format?.ToLowerInvariant() switch
    {
        "csv" => new CsvExportWriter(),
        "xlsx" or null => new XlsxExportWriter(),
        _ => null,
    };

    private static string WithExtension(string name, ITableExportWriter writer) =>
        name.EndsWith(writer.FileExtension, StringComparison.OrdinalIgnoreCase) ? name : name + writer.FileExtension;

    /// <summary>Only what every client takes in a plain filename: ASCII letters, digits, dots, dashes and underscores.</summary>
    private static string AsciiFallback(string name, ITableExportWriter writer)
    {
        if (name.EndsWith(writer.FileExtension, StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^writer.FileExtension.Length];
        }

        var ascii = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
            if (keep)
            {
                ascii.Append(c);
            }
            else if (ascii.Length > 0 && ascii[^1] != '-')
            {
                ascii.Append('-');
            }
        }

        var fallback = ascii.ToString().Trim('-', '.');
        return fallback.Length == 0 ? "export" : fallback;
    }

    private sealed class StreamedExport(ITableExportWriter writer, string fileName, string asciiFileName, IReadOnlyList<ExportSheet> sheets) : IResult, IFileHttpResult
    {
        public string ContentType => writer.ContentType;

        public string FileDownloadName => fileName;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = writer.ContentType;

            var disposition = new ContentDispositionHeaderValue("attachment") { FileName = asciiFileName, FileNameStar = fileName };
            response.Headers.ContentDisposition = disposition.ToString();

            // Middleware and servers that hold writes back (response compression, IIS) pass each one on, so the download starts at once.
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await writer.WriteAsync(response.Body, sheets, httpContext.RequestAborted);
        }
    }
}
