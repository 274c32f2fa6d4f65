using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Bench.Cluster;
using Platform.Bench.Load;
using Platform.DemoData;
using Platform.Testing;

namespace Platform.Bench;

/// <summary>The cluster mode beside the embedded one, and the national scale on the cluster.</summary>
public sealed partial class BenchmarkRun
{
    /// <summary>The same province, load and reads as the embedded mode, on silo processes over PostgreSQL.</summary>
    private async Task<ClusterFigures> MeasureClusterAsync(GeneratedProvince province, string database, string folder)
    {
        log.WriteLine($"Cluster: PostgreSQL, {options.ClusterSilos} silo processes, the gateway process as their client…");
        await using var cluster = await LocalCluster.StartAsync(database, folder, options.ClusterSilos, MeasuredGateway);
        using var clients = await cluster.ClientsAsync();
        using var http = clients.CreateClient(TimeSpan.FromMinutes(10));
        (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "基准测试省" })).EnsureSuccessStatusCode();

        var workingSet = cluster.SilosWorkingSetBytes;
        var import = await ImportAsync(http, Tenant, province);
        var activations = (await http.GetFromJsonAsync<MemoryReading>("/diagnostics/memory"))!.Activations;
        var perActivation = (cluster.SilosWorkingSetBytes - workingSet) / (double)Math.Max(1, activations);
        log.WriteLine($"  import: {import:F1} s ({province.Rows / import:N0} rows/s); silos' working set {perActivation:N0} B per activation ({activations:N0} activations)");

        var known = new ConcurrentDictionary<string, Submitted>();
        log.WriteLine($"  deadline day: {options.Clients} clients for {options.Duration} s…");
        var cpu = CpuAccounting.Start(cluster.ProcessIds);
        var deadline = await DeadlineDayAsync(province, known, AssessmentUrl, http, ifMatch: true);
        var deadlineCpu = cpu.Stop();
        log.WriteLine($"  {deadline.PerSecond:N0} submissions/s, p50 {deadline.P50:F1} ms, p99 {deadline.P99:F1} ms, {deadline.Errors} errors; cores used (silos and gateway / PostgreSQL / harness / machine): {deadlineCpu}");
        var freshness = await FreshnessAsync(http, province, known);
        log.WriteLine($"  freshness: p50 {freshness.Percentile(50):F0} ms, p99 {freshness.Percentile(99):F0} ms");
        var (single, rate, max) = await ReadsAsync(http, $"/api/v1/tenants/{Tenant}/nodes/{province.RootCode}", $"/api/v1/tenants/{Tenant}/nodes/430100");
        log.WriteLine($"  province/city pages at {options.ReadRate}/s: p50 {rate.P50:F2} ms, p99 {rate.P99:F2} ms; at most {max.PerSecond:N0}/s");
        return new ClusterFigures(new SideFigures(import, deadline, freshness.Percentile(50), freshness.Percentile(99), single, rate, max, null, DeadlineCpu: deadlineCpu),
            cluster.Silos, activations, perActivation);
    }

    /// <summary>The national scale alone (<c>--national-only</c>), on a PostgreSQL server of its own.</summary>
    public async Task<NationalFigures> RunNationalAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-bench", Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = options.Postgres is null ? await ThrowawayPostgres.StartAsync() : null;
            return await MeasureNationalAsync(await CreateDatabaseAsync(options.Postgres ?? server!.ConnectionString), folder);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Many provinces on one cluster: each tenant its own generated province (another seed, Hunan's divisions), imported
    /// through the gateway; the silos' memory per activation; a deadline day over every tenant's branches; province
    /// reads; then every silo and the gateway killed and started again, timed until every province summary is exact.
    /// </summary>
    private async Task<NationalFigures> MeasureNationalAsync(string database, string folder)
    {
        var tenants = options.NationalTenants;
        log.WriteLine($"National: {options.National:N0} organisations over {tenants} provinces on {options.ClusterSilos} silos; generating…");
        var provinces = Enumerable.Range(1, tenants).Select(i => ($"p{i:D2}", BenchProvince.Generate(options.National / tenants, seed: i))).ToList();
        var organisations = provinces.Sum(p => p.Item2.Organisations);
        log.WriteLine($"  {organisations:N0} organisations, {provinces.Sum(p => p.Item2.Rows):N0} rows");

        await using var cluster = await LocalCluster.StartAsync(database, folder, options.ClusterSilos, MeasuredGateway);
        var clients = await cluster.ClientsAsync();
        try
        {
            using var http = clients.CreateClient(TimeSpan.FromMinutes(30));
            var workingSet = cluster.SilosWorkingSetBytes;
            var imported = 0;
            var import = await TimeAsync(() => Parallel.ForEachAsync(provinces, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (tenant, _) =>
            {
                (await http.PutAsJsonAsync($"/api/v1/tenants/{tenant.Item1}", new { name = $"基准测试省 {tenant.Item1}" })).EnsureSuccessStatusCode();
                var seconds = await ImportAsync(http, tenant.Item1, tenant.Item2);
                log.WriteLine($"  imported {tenant.Item1}: {tenant.Item2.Organisations:N0} organisations in {seconds:F0} s ({Interlocked.Increment(ref imported)} of {tenants})");
            }));
            var activations = (await http.GetFromJsonAsync<MemoryReading>("/diagnostics/memory"))!.Activations;
            var perActivation = (cluster.SilosWorkingSetBytes - workingSet) / (double)Math.Max(1, activations);
            log.WriteLine($"  import: {import:F0} s ({organisations / import:N0} organisations/s); silos' working set {perActivation:N0} B per activation ({activations:N0} activations)");

            // Every tenant's branches, interleaved, so the load is spread over provinces as on a national deadline.
            var assessments = provinces
                .SelectMany(p => p.Item2.Assessments.Select((a, i) => (Order: i, Key: $"{p.Item1}/{a.Code}", Url: AssessmentUrl(p.Item1, a.Code), a.Input)))
                .OrderBy(a => a.Order).Select(a => (a.Key, a.Url, a.Input)).ToList();
            var known = new ConcurrentDictionary<string, Submitted>();
            log.WriteLine($"  deadline day: {options.Clients} clients for {options.Duration} s over every province…");
            var cpu = CpuAccounting.Start(cluster.ProcessIds);
            var deadline = await DeadlineDayAsync(assessments, known, http, ifMatch: true);
            var deadlineCpu = cpu.Stop();
            log.WriteLine($"  {deadline.PerSecond:N0} submissions/s, p50 {deadline.P50:F1} ms, p99 {deadline.P99:F1} ms, {deadline.Errors} errors; cores used (silos and gateway / PostgreSQL / harness / machine): {deadlineCpu}");

            IEnumerable<Submitted> KnownIn(string tenant) => known.Where(k => k.Key.StartsWith(tenant + "/", StringComparison.Ordinal)).Select(k => k.Value);
            foreach (var (tenant, province) in provinces)
            {
                await WaitForExactProvinceAsync(http, tenant, province.RootCode, KnownIn(tenant));
            }

            var (single, _, max) = await ReadsAsync(http, $"/api/v1/tenants/{provinces[0].Item1}/nodes/{provinces[0].Item2.RootCode}",
                $"/api/v1/tenants/{provinces[^1].Item1}/nodes/{provinces[^1].Item2.RootCode}");
            log.WriteLine($"  province pages: p50 {single.P50:F2} ms alone; at most {max.PerSecond:N0}/s");

            // What every province summary must be again: what it is now, exact against the acknowledged submissions above.
            var before = new Dictionary<string, string>();
            foreach (var (tenant, province) in provinces)
            {
                before[tenant] = await ComparableSummaryAsync(http, tenant, province.RootCode);
            }

            log.WriteLine("  killing every silo and the gateway, starting them again…");
            var watch = Stopwatch.StartNew();
            await cluster.KillAndRestartAsync();
            var previous = clients;
            clients = await cluster.ClientsAsync(previous);
            previous.Dispose();
            using var restarted = clients.CreateClient(TimeSpan.FromMinutes(30));
            log.WriteLine($"  processes ready after {watch.Elapsed.TotalSeconds:F1} s; waiting for every province summary to be exact…");
            var pending = provinces.ToDictionary(p => p.Item1, p => p.Item2);
            while (pending.Count > 0 && watch.Elapsed < TimeSpan.FromMinutes(10))
            {
                foreach (var (tenant, province) in pending.ToList())
                {
                    var summary = await TryComparableSummaryAsync(restarted, tenant, province.RootCode);
                    if (summary == before[tenant])
                    {
                        pending.Remove(tenant);
                    }
                }

                await Task.Delay(20);
            }

            var restart = watch.Elapsed.TotalSeconds;
            log.WriteLine($"  every province exact {restart:F1} s after the kill ({tenants - pending.Count} of {tenants})");
            var exact = 0;
            foreach (var (tenant, province) in provinces)
            {
                var summary = JsonNode.Parse(await restarted.GetStringAsync($"/api/v1/tenants/{tenant}/nodes/{province.RootCode}/summary"))!;
                if (TotalsOf(JsonDocument.Parse(summary.ToJsonString()).RootElement) == Expected(KnownIn(tenant))
                    && summary["organisations"]!.GetValue<int>() == province.Organisations && summary["schools"]!.GetValue<int>() == province.Schools)
                {
                    exact++;
                }
            }

            return new NationalFigures(tenants, options.National / tenants, organisations, options.National, import, activations, perActivation,
                deadline, deadlineCpu, single, max, restart, exact);
        }
        finally
        {
            clients.Dispose();
        }
    }

    /// <summary>A province summary without what a restart may change and must (its version and time), for comparison.</summary>
    private static async Task<string> ComparableSummaryAsync(HttpClient http, string tenant, string root)
    {
        var summary = JsonNode.Parse(await http.GetStringAsync($"/api/v1/tenants/{tenant}/nodes/{root}/summary"))!.AsObject();
        summary.Remove("version");
        summary.Remove("updatedAt");
        return summary.ToJsonString();
    }

    private static async Task<string?> TryComparableSummaryAsync(HttpClient http, string tenant, string root)
    {
        try
        {
            return await ComparableSummaryAsync(http, tenant, root);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
