using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Imports;

/// <summary>
/// An uploaded import file spooled to a temporary file of its own, its format and (for CSV) its encoding found from
/// all of it. The request ends once it is spooled; the import reads the spool in the background and deletes it.
/// </summary>
/// <param name="Path">The spool file.</param>
/// <param name="FileName">The name the browser gave the file, when it was a form upload.</param>
internal sealed record ImportUpload(string Path, ImportFileFormat Format, Encoding? Encoding, string? FileName, long Bytes)
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string FormType = "multipart/form-data";
    public const string FormField = "file";

    public static readonly string Accepted =
        $"{CsvType} (UTF-8 or GB18030), {XlsxType} (.xlsx), or {FormType} with the file in a part named '{FormField}'";

    private static readonly string Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "platform-imports");

    /// <summary>Spools the request's file and recognises it.</summary>
    /// <exception cref="ImportFileException">There is no file, or it is in no format an import reads; nothing is kept.</exception>
    public static async Task<ImportUpload> SpoolAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var path = System.IO.Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".upload");
        try
        {
            string? fileName = null;
            long bytes;
            await using (var spool = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                var type = MediaTypeHeaderValue.Parse(request.ContentType);
                if (type.MediaType.Equals(FormType, StringComparison.OrdinalIgnoreCase))
                {
                    fileName = await SpoolFormFileAsync(request, type, spool, cancellationToken);
                }
                else
                {
                    await request.Body.CopyToAsync(spool, cancellationToken);
                }

                bytes = spool.Length;
            }

            var (format, encoding) = await RecogniseAsync(path, fileName, cancellationToken);
            return new ImportUpload(path, format, encoding, fileName, bytes);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Opens the file's records, headers first.</summary>
    public IRecordSource Open()
    {
        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            return Format == ImportFileFormat.Xlsx
                ? XlsxRecordSource.Open(file)
                : new CsvRecordSource(new StreamReader(file, Encoding!, detectEncodingFromByteOrderMarks: false));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Delete() => File.Delete(Path);

    private static async Task<string?> SpoolFormFileAsync(HttpRequest request, MediaTypeHeaderValue type, Stream spool, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new ImportFileException("is a form without a multipart boundary; let the browser (FormData) or client build the form");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.Name.Equals(FormField, StringComparison.OrdinalIgnoreCase))
            {
                await section.Body.CopyToAsync(spool, cancellationToken);
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return string.IsNullOrEmpty(name) ? null : name;
            }
        }

        throw new ImportFileException($"is a form without a part named '{FormField}'; send the file as the form field '{FormField}'");
    }

    private static async Task<(ImportFileFormat Format, Encoding? Encoding)> RecogniseAsync(string path, string? fileName, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        var head = new byte[8];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        if (read >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            return (ImportFileFormat.Xlsx, null);
        }

        if (read >= 8 && head.AsSpan().SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            throw new ImportFileException("is an Excel 97-2003 workbook (.xls); save it from Excel as .xlsx or as CSV UTF-8");
        }

        if (fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new ImportFileException($"'{fileName}' is named .xlsx but is not a workbook; save it again from Excel as .xlsx");
        }

        return (ImportFileFormat.Csv, await TextEncodings.DetectAsync(file, cancellationToken));
    }
}
