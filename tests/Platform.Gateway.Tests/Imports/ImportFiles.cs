using System.Net.Http.Headers;
using System.Text;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Tests.Imports;

/// <summary>Import files for the tests: the committed sample province, and workbooks written with the gateway's own XLSX writer.</summary>
internal static class ImportFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The rows of docs/samples/sample-province.csv, header included.</summary>
    public const int SampleRows = 22;

    public static string SampleCsvPath => Path.Combine(RepositoryRoot(), "docs", "samples", "sample-province.csv");

    public static string SampleXlsxPath => Path.Combine(RepositoryRoot(), "docs", "samples", "sample-province.xlsx");

    public static string SampleCsv => File.ReadAllText(SampleCsvPath, Encoding.UTF8);

    public static HttpContent Csv(byte[] bytes) => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };

    public static HttpContent Xlsx(byte[] bytes) => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(XlsxType) } };

    /// <summary>A browser's upload of <paramref name="bytes"/> as the form field 'file'.</summary>
    public static HttpContent Upload(byte[] bytes, string fileName) =>
        new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", fileName } };

    /// <summary>The records of CSV text, all cells as text.</summary>
    public static List<string[]> ReadCsv(string text)
    {
        using var reader = CsvHelper.CsvReader.FromText(text.TrimStart('\uFEFF'), new CsvHelper.CsvReaderOptions { Separator = ',', HasHeader = false });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToArray());
        }

        return records;
    }

    /// <summary>A workbook of <paramref name="sheets"/>, each its header row then its rows; empty cells stay empty.</summary>
    public static async Task<byte[]> XlsxAsync(params (string Name, IReadOnlyList<string[]> Records)[] sheets)
    {
        var export = sheets.Select(s => new ExportSheet(s.Name, [.. s.Records[0].Select(h => new ExportColumn(h))], Rows(s.Records.Skip(1)))).ToList();
        using var file = new MemoryStream();
        await new XlsxExportWriter().WriteAsync(file, export, CancellationToken.None);
        return file.ToArray();
    }

    /// <summary>The sample province as a one-sheet workbook: what docs/samples/sample-province.xlsx holds.</summary>
    public static Task<byte[]> SampleXlsxAsync() => XlsxAsync(("层级", ReadCsv(SampleCsv)));

#pragma warning disable CS1998 // The export takes rows as a stream.
    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IEnumerable<string[]> records)
    {
        foreach (var record in records)
        {
            yield return [.. record.Select(c => c.Length == 0 ? null : (object)c)];
        }
    }
#pragma warning restore CS1998

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"no Platform.sln above {AppContext.BaseDirectory}");
    }
}
