using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Bench;
using Platform.DemoData;

// Measures the embedded platform at province scale over real HTTP: the import of the hierarchy, the submission of
// assessments, and how long the province summary takes to equal, exactly, the value the harness expects.
var options = BenchOptions.Parse(args);
var culture = CultureInfo.InvariantCulture;
const string Tenant = "bench";

Console.WriteLine($"Generating a province of about {options.Organisations:N0} organisations…");
var schoolsPerCounty = Math.Max(3, (int)Math.Round(options.Organisations / (1.875 * 122)));
var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = schoolsPerCounty, AssessedShare = 1.0 });
Console.WriteLine($"  {province.Rows:N0} rows: {province.Schools:N0} schools, {province.Organisations:N0} organisations, {province.Assessments.Count:N0} rated units");

Console.WriteLine("Starting the gateway (embedded silo, fresh SQLite file)…");
var folder = Path.Combine(Path.GetTempPath(), "platform-bench", Guid.NewGuid().ToString("N"));
await using var gateway = await GatewayProcess.StartAsync(folder);
using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromMinutes(10) };
(await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "基准测试省" })).EnsureSuccessStatusCode();

Console.WriteLine("Importing the hierarchy over HTTP…");
var import = await TimeImportAsync(province.HierarchyCsv);
Console.WriteLine($"  first import: {import.Seconds:F1} s ({province.Rows / import.Seconds:N0} rows/s), {import.Rejected} rejected");
var reimport = await TimeImportAsync(province.HierarchyCsv);
Console.WriteLine($"  same file again: {reimport.Seconds:F1} s, {reimport.Unchanged:N0} unchanged");

Console.WriteLine($"Submitting {province.Assessments.Count:N0} assessments with {options.Clients} concurrent clients…");
var totals = new Dictionary<string, (decimal Total, int Revision)>();
var submitLatency = new Latencies();
var submitWatch = Stopwatch.StartNew();
await SubmitAsync(province.Assessments, submitLatency, totals);
var submitSeconds = submitWatch.Elapsed.TotalSeconds;
Console.WriteLine($"  {province.Assessments.Count / submitSeconds:N0} submissions/s, p50 {submitLatency.Percentile(50):F1} ms, p99 {submitLatency.Percentile(99):F1} ms");
var bulkFreshness = await WaitForExactProvinceAsync(totals);
Console.WriteLine($"  province exact {bulkFreshness.TotalMilliseconds:F0} ms after the last acknowledgement");

Console.WriteLine($"Freshness: {options.Bursts} bursts of {options.BurstSize} re-assessments…");
var freshness = new Latencies();
var random = new Random(7);
var framework = Platform.Domain.Framework.DefaultFrameworks.Create(Platform.Domain.Framework.RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);
var codes = totals.Keys.ToList();
for (var burst = 0; burst < options.Bursts; burst++)
{
    var batch = codes.OrderBy(_ => random.Next()).Take(options.BurstSize).Select(code => (code, DemoProvince.Assess(framework, random, 0.01))).ToList();
    await SubmitAsync(batch, new Latencies(), totals);
    freshness.Add(await WaitForExactProvinceAsync(totals));
}

Console.WriteLine($"  province exact after the last acknowledgement: p50 {freshness.Percentile(50):F0} ms, p99 {freshness.Percentile(99):F0} ms, max {freshness.Percentile(100):F0} ms");

var report = new StringBuilder()
    .AppendLine(culture, $"| figure | value |")
    .AppendLine("|---|---|")
    .AppendLine(culture, $"| province | {province.Rows:N0} rows: {province.Schools:N0} schools, {province.Organisations:N0} organisations |")
    .AppendLine(culture, $"| import (first) | {import.Seconds:F1} s, {province.Rows / import.Seconds:N0} rows/s |")
    .AppendLine(culture, $"| import (same file again) | {reimport.Seconds:F1} s, all unchanged: {reimport.Unchanged == province.Rows} |")
    .AppendLine(culture, $"| submissions ({options.Clients} clients) | {province.Assessments.Count / submitSeconds:N0}/s, p50 {submitLatency.Percentile(50):F1} ms, p99 {submitLatency.Percentile(99):F1} ms |")
    .AppendLine(culture, $"| province exact after last submission (bulk) | {bulkFreshness.TotalMilliseconds:F0} ms |")
    .AppendLine(culture, $"| province exact after last submission ({options.Bursts} bursts of {options.BurstSize}) | p50 {freshness.Percentile(50):F0} ms, p99 {freshness.Percentile(99):F0} ms |")
    .AppendLine(culture, $"| gateway working set at the end | {gateway.WorkingSetBytes / 1048576.0:N0} MiB |")
    .ToString();
Console.WriteLine();
Console.WriteLine(report);
if (options.Output is { } output)
{
    var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:N0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    var command = $"dotnet run -c Release --project bench/Platform.Bench -- {string.Join(' ', args)}";
    await File.WriteAllTextAsync(output, $"# Benchmarks\n\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {machine}, embedded mode (one process, SQLite).\n\nCommand: `{command}`\n\n{report}");
    Console.WriteLine($"Written to {output}");
}

await gateway.KillAsync();
Directory.Delete(folder, recursive: true);

async Task<(double Seconds, int Rejected, int Unchanged)> TimeImportAsync(string csv)
{
    var watch = Stopwatch.StartNew();
    var response = await http.PostAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", new StringContent(csv, Encoding.UTF8, "text/csv"));
    var seconds = watch.Elapsed.TotalSeconds;
    var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"the import failed: {json}");
    }

    return (seconds, json.GetProperty("rejected").GetInt32(), json.GetProperty("unchanged").GetInt32());
}

async Task SubmitAsync(IReadOnlyList<(string Code, Platform.Domain.Scoring.AssessmentInput Input)> items, Latencies latencies, Dictionary<string, (decimal Total, int Revision)> known)
{
    var done = 0;
    await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Clients }, async (item, cancellationToken) =>
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/orgs/{item.Code}/assessment")
        {
            Content = JsonContent.Create(new { scores = item.Input.Scores, counts = item.Input.Counts, vetoes = item.Input.Vetoes }),
        };
        lock (known)
        {
            if (known.TryGetValue(item.Code, out var previous))
            {
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{previous.Revision}\"");
            }
        }

        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, cancellationToken);
        latencies.Add(watch.Elapsed);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"submission for {item.Code} failed: {body}");
        }

        lock (known)
        {
            known[item.Code] = (body.GetProperty("total").GetDecimal(), body.GetProperty("revision").GetInt32());
        }

        if (Interlocked.Increment(ref done) % 10_000 == 0)
        {
            Console.WriteLine($"  {done:N0}/{items.Count:N0}");
        }
    });
}

async Task<TimeSpan> WaitForExactProvinceAsync(Dictionary<string, (decimal Total, int Revision)> known)
{
    var expectedCount = known.Count;
    var expectedSum = known.Values.Sum(v => v.Total);
    var watch = Stopwatch.StartNew();
    while (true)
    {
        var summary = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/tenants/{Tenant}/nodes/{province.RootCode}/summary")).RootElement;
        if (summary.GetProperty("assessed").GetInt32() == expectedCount && summary.GetProperty("scoreSum").GetDecimal() == expectedSum)
        {
            return watch.Elapsed;
        }

        if (watch.Elapsed > TimeSpan.FromSeconds(60))
        {
            throw new InvalidOperationException($"the province never became exact: expected {expectedCount} assessed summing to {expectedSum}, last saw {summary}");
        }

        await Task.Delay(5);
    }
}
