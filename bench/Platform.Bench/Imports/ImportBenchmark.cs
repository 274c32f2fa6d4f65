using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Bench.Processes;

namespace Platform.Bench.Imports;

/// <summary>
/// How fast a large hierarchy file imports as a job: the gateway in its embedded mode (its own process, a fresh SQLite
/// file), a generated province of <see cref="BenchOptions.ImportRows"/> rows uploaded over HTTP as CSV, the job polled
/// at its Location until it has finished. The time runs from the upload's first byte to the finished report.
/// </summary>
public sealed class ImportBenchmark(BenchOptions options, TextWriter log)
{
    private const string Tenant = "bench-import";

    public async Task<ImportFigures> RunAsync()
    {
        var csv = Rows(options.ImportRows);
        var bytes = Encoding.UTF8.GetBytes(csv);
        var folder = Path.Combine(Path.GetTempPath(), "platform-bench-import", Guid.NewGuid().ToString("N"));
        try
        {
            log.WriteLine($"Import: starting the gateway (embedded silo, fresh SQLite file) for {options.ImportRows:N0} rows, {bytes.Length / 1048576.0:F1} MB…");
            await using var gateway = await GatewayProcess.StartAsync(folder, BenchmarkRun.MeasuredGateway);
            using var clients = await gateway.ClientsAsync();
            using var http = clients.CreateClient(TimeSpan.FromMinutes(10));
            (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "导入基准测试省" })).EnsureSuccessStatusCode();

            var watch = Stopwatch.StartNew();
            using var upload = await http.PostAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy",
                new ByteArrayContent(bytes) { Headers = { ContentType = new("text/csv") } });
            if (upload.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"the upload answered {(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync()}");
            }

            var accepted = watch.Elapsed.TotalSeconds;
            var report = await PollAsync(http, upload.Headers.Location!);
            var seconds = watch.Elapsed.TotalSeconds;
            var (rows, rejected) = (report.GetProperty("rows").GetInt32(), report.GetProperty("rejected").GetInt32());
            if (report.GetProperty("status").GetString() != "finished" || rows != options.ImportRows || rejected > 0)
            {
                throw new InvalidOperationException($"the import did not take every row: {report}");
            }

            var figures = new ImportFigures(rows, bytes.Length, accepted, seconds, report.GetProperty("seconds").GetDouble());
            log.WriteLine(figures.Describe());
            return figures;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The header and the first <paramref name="rows"/> rows of a generated province, which lists parents before their children.</summary>
    private static string Rows(int rows)
    {
        var province = BenchProvince.Generate((int)(rows * 0.7) + 1_000);
        var lines = province.HierarchyCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length - 1 < rows)
        {
            throw new InvalidOperationException($"the generated province has {lines.Length - 1:N0} rows, fewer than {rows:N0}");
        }

        return string.Join('\n', lines.Take(rows + 1)) + "\n";
    }

    private async Task<JsonElement> PollAsync(HttpClient http, Uri location)
    {
        var lastDone = -1;
        while (true)
        {
            var job = await http.GetFromJsonAsync<JsonElement>(location);
            var status = job.GetProperty("status").GetString();
            if (status is "finished" or "failed")
            {
                return job;
            }

            var done = job.GetProperty("rowsDone").GetInt32();
            if (done != lastDone)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {status}: {done:N0} of {(job.GetProperty("rowsTotal").ValueKind == JsonValueKind.Number ? job.GetProperty("rowsTotal").GetInt32().ToString("N0", CultureInfo.InvariantCulture) : "?")} rows"));
                lastDone = done;
            }

            await Task.Delay(100);
        }
    }
}

/// <param name="AcceptedSeconds">From the upload's first byte to the 202 (spooling and checking the file).</param>
/// <param name="Seconds">From the upload's first byte to the finished report, polled every 100 ms.</param>
/// <param name="ServerSeconds">The import's own time, from its report.</param>
public sealed record ImportFigures(int Rows, long Bytes, double AcceptedSeconds, double Seconds, double ServerSeconds)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Rows:N0} rows ({Bytes / 1048576.0:F1} MB) imported in {Seconds:F2} s end to end ({Rows / Seconds:N0} rows/s); accepted (202) after {AcceptedSeconds:F2} s; the job's own time {ServerSeconds:F2} s");

    public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture, $"""
        | rows | file | upload to 202 | upload to finished | rows/s | the job's own time |
        |---:|---:|---:|---:|---:|---:|
        | {Rows:N0} | {Bytes / 1048576.0:F1} MB | {AcceptedSeconds:F2} s | {Seconds:F2} s | {Rows / Seconds:N0} | {ServerSeconds:F2} s |
        """);
}
