using Platform.Bench.Imports;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Bench.Baseline;
using Platform.Bench.Load;
using Platform.Bench.Processes;
using Platform.Testing;
using Platform.DemoData;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;

namespace Platform.Bench;

/// <summary>
/// One run of the benchmark: the platform in its own process and the plain-SQL baseline, measured the same way over
/// real HTTP, on the same generated province.
/// </summary>
public sealed partial class BenchmarkRun(BenchOptions options, TextWriter log)
{
    private const string Tenant = "bench";

    /// <summary>
    /// The gateway's settings in every mode: the diagnostics routes on; and since the benchmark's clients share one
    /// account and one address, where a deadline day has a secretary per branch, the per-account and per-address limits
    /// lifted (their buckets are still taken from on every request).
    /// </summary>
    internal static readonly string[] MeasuredGateway =
    [
        "--Platform:Diagnostics=true",
        "--Platform:RateLimits:Account:Burst=1000000", "--Platform:RateLimits:Account:PerSecond=1000000",
        "--Platform:RateLimits:Address:Burst=1000000", "--Platform:RateLimits:Address:PerSecond=1000000",
    ];
    private static readonly FrameworkVersion Framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);

    /// <param name="checkpoint">Given the report as it stands before the national run, which may take long, so that what
    /// was measured is kept even if the run is stopped during it.</param>
    public async Task<BenchReport> RunAsync(Func<BenchReport, Task>? checkpoint = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-bench", Guid.NewGuid().ToString("N"));
        try
        {
            log.WriteLine($"Generating a province of about {options.Organisations:N0} organisations…");
            var province = BenchProvince.Generate(options.Organisations);
            log.WriteLine($"  {province.Rows:N0} rows: {province.Schools:N0} schools, {province.Organisations:N0} organisations, {province.Assessments.Count:N0} rated units");

            var platform = await MeasurePlatformAsync(province, Path.Combine(folder, "platform"));
            log.WriteLine("Storage ceiling: raw grain-state writes through the same provider…");
            var ceiling = await StorageCeiling.MeasureAsync(Path.Combine(folder, "ceiling"), Score(province.Assessments[0].Input), options.Clients, TimeSpan.FromSeconds(Math.Max(2, options.Duration / 2)));
            log.WriteLine($"  {ceiling:N0} writes/s");
            // One PostgreSQL server for both baselines and the cluster, each in a database of its own.
            await using var server = options.Postgres is null ? await ThrowawayPostgres.StartAsync() : null;
            var postgres = options.Postgres ?? server!.ConnectionString;
            var (baseline, trigger) = await MeasureBaselinesAsync(province, postgres);
            var report = new BenchReport(options, province.Rows, province.Schools, province.Organisations, platform, baseline, ceiling) { TriggerBaseline = trigger };
            if (options.ClusterSilos > 0)
            {
                try
                {
                    report = report with { Cluster = await MeasureClusterAsync(province, await CreateDatabaseAsync(postgres), Path.Combine(folder, "cluster")) };
                }
                catch (Exception exception)
                {
                    // The figures above are kept; the table says the cluster run failed, and why.
                    log.WriteLine($"Cluster run failed: {exception}");
                    report = report with { ClusterFailure = exception.Message };
                }
            }

            if (options.National > 0)
            {
                if (checkpoint is not null)
                {
                    await checkpoint(report);
                }

                try
                {
                    report = report with { National = await MeasureNationalAsync(await CreateDatabaseAsync(postgres), Path.Combine(folder, "national")) };
                }
                catch (Exception exception)
                {
                    // The figures above are kept; the table says the national run failed, and why.
                    log.WriteLine($"National run failed: {exception}");
                    report = report with { NationalFailure = exception.Message };
                }
            }

            return report;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private async Task<SideFigures> MeasurePlatformAsync(GeneratedProvince province, string folder)
    {
        log.WriteLine("Platform: starting the gateway (embedded silo, fresh SQLite file)…");
        await using var gateway = await GatewayProcess.StartAsync(folder, MeasuredGateway);
        // Signed in as a client would be: the operator creates the tenant, then its admin's token goes with every request.
        using var clients = await gateway.ClientsAsync();
        using var http = clients.CreateClient(TimeSpan.FromMinutes(10));
        (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "基准测试省" })).EnsureSuccessStatusCode();

        var import = await ImportAsync(http, Tenant, province);
        log.WriteLine($"  import: {import:F1} s ({province.Rows / import:N0} rows/s)");

        var memory = await MeasureMemoryAsync(http, province);
        log.WriteLine($"  memory: {memory.HeapPerActivation:N0} B managed heap per activation ({memory.Activated:N0}), {memory.OwnDataPerOrganisation:N0} B own data per organisation ({memory.Organisations:N0}), so {memory.OverheadPerActivation:N0} B overhead per activation; {memory.WorkingSetPerThousand / 1024:N0} KiB working set per 1,000 activated organisations");

        var known = new ConcurrentDictionary<string, Submitted>();
        log.WriteLine($"  deadline day: {options.Clients} clients for {options.Duration} s…");
        var cpu = CpuAccounting.Start([gateway.ProcessId]);
        var deadline = await DeadlineDayAsync(province, known, AssessmentUrl, http, ifMatch: true);
        var deadlineCpu = cpu.Stop();
        log.WriteLine($"  {deadline.PerSecond:N0} submissions/s, p50 {deadline.P50:F1} ms, p99 {deadline.P99:F1} ms, {deadline.Errors} errors; cores used (platform / PostgreSQL / harness / machine): {deadlineCpu}");
        log.WriteLine("  deadline day again, every branch's grain now active (no activation reads)…");
        var warm = await DeadlineDayAsync(province, known, AssessmentUrl, http, ifMatch: true);
        log.WriteLine($"  {warm.PerSecond:N0} submissions/s, p50 {warm.P50:F1} ms, p99 {warm.P99:F1} ms, {warm.Errors} errors");
        log.WriteLine("  the same load on the HTTP path alone (no grain, no storage)…");
        var httpPath = await DeadlineDayAsync(province, new ConcurrentDictionary<string, Submitted>(), code => $"/diagnostics/echo/orgs/{code}/assessment", http, ifMatch: false);
        log.WriteLine($"  {httpPath.PerSecond:N0} requests/s, p99 {httpPath.P99:F1} ms");
        var authentication = await MeasureAuthenticationAsync(province, clients, http, known);

        var freshness = await FreshnessAsync(http, province, known);
        log.WriteLine($"  freshness: p50 {freshness.Percentile(50):F0} ms, p99 {freshness.Percentile(99):F0} ms");

        var (single, rate, max) = await ReadsAsync(http, $"/api/v1/tenants/{Tenant}/nodes/{province.RootCode}", $"/api/v1/tenants/{Tenant}/nodes/430100");
        log.WriteLine($"  province/city pages at {options.ReadRate}/s: p50 {rate.P50:F2} ms, p99 {rate.P99:F2} ms; at most {max.PerSecond:N0}/s");
        return new SideFigures(import, deadline, freshness.Percentile(50), freshness.Percentile(99), single, rate, max, memory, httpPath, warm, authentication, deadlineCpu);
    }

    /// <summary>
    /// What signing in costs: the HTTP path alone with and without a token to validate; then warm deadline rounds and
    /// the province and city reads through the real routes (token, access check) beside the same routes taken on trust
    /// as the tenant's admin (<c>/diagnostics/trusted</c>: no token, no access check), alternating, so drift of the
    /// machine shows as a difference between the two signed-in rounds.
    /// </summary>
    private async Task<AuthenticationFigures> MeasureAuthenticationAsync(GeneratedProvince province, SignIn.PlatformClients clients, HttpClient signedIn, ConcurrentDictionary<string, Submitted> known)
    {
        using var admin = clients.CreateClient(clients.Tokens.AdminOf(Tenant)!, TimeSpan.FromMinutes(10));
        log.WriteLine("  authentication: the HTTP path alone with a token validated…");
        var echo = await DeadlineDayAsync(province, new ConcurrentDictionary<string, Submitted>(), code => $"/diagnostics/echo-signed-in/orgs/{code}/assessment", admin, ifMatch: false);
        log.WriteLine($"  {echo.PerSecond:N0} requests/s, p99 {echo.P99:F1} ms, {echo.Errors} errors");

        using var untokened = new HttpClient { BaseAddress = clients.Address, Timeout = TimeSpan.FromMinutes(10) };
        const string trusted = "/diagnostics/trusted";
        var rounds = new List<(bool SignedIn, LoadResult Submissions, LoadResult Reads)>();
        foreach (var (label, client, prefix) in new[]
        {
            ("signed in", signedIn, ""), ("taken on trust", untokened, trusted), ("signed in, again", signedIn, ""), ("taken on trust, again", untokened, trusted),
        })
        {
            Func<string, string> url = prefix.Length > 0 ? code => $"{trusted}/tenants/{Tenant}/orgs/{code}/assessment" : AssessmentUrl;
            var round = await DeadlineDayAsync(province, known, url, client, ifMatch: true);
            var nodes = prefix.Length > 0 ? $"{trusted}/tenants/{Tenant}/nodes" : $"/api/v1/tenants/{Tenant}/nodes";
            var (_, rate, _) = await ReadsAsync(client, $"{nodes}/{province.RootCode}", $"{nodes}/430100");
            rounds.Add((prefix.Length == 0, round, rate));
            log.WriteLine($"  warm deadline round {label}: {round.PerSecond:N0} submissions/s, p50 {round.P50:F1} ms, p99 {round.P99:F1} ms, {round.Errors} errors; reads at {options.ReadRate}/s p50 {rate.P50:F2} ms, p99 {rate.P99:F2} ms");
        }

        double Mean(bool signedInRounds, Func<(bool SignedIn, LoadResult Submissions, LoadResult Reads), double> figure) =>
            rounds.Where(r => r.SignedIn == signedInRounds).Average(figure);
        var figures = new AuthenticationFigures(
            Mean(true, r => r.Submissions.PerSecond), Mean(false, r => r.Submissions.PerSecond),
            Mean(true, r => r.Reads.P50), Mean(false, r => r.Reads.P50), Mean(true, r => r.Reads.P99), Mean(false, r => r.Reads.P99),
            echo.PerSecond, echo.Errors + rounds.Sum(r => r.Submissions.Errors + r.Reads.Errors));
        log.WriteLine($"  authentication costs {figures.SubmissionCost:P1} of the submission rate and {figures.ReadCost:P1} of the read p50 (means of two rounds each; negative: within noise)");
        return figures;
    }

    /// <summary>
    /// Both PostgreSQL baselines on one server and one loaded province, one after the other: rollups by GROUP BY on
    /// every read, then (the assessments emptied again) rollup rows a trigger maintains in every writer's transaction.
    /// </summary>
    private async Task<(SideFigures GroupBy, TriggerBaselineFigures Trigger)> MeasureBaselinesAsync(GeneratedProvince province, string postgres)
    {
        log.WriteLine("Baseline: PostgreSQL, rollups by GROUP BY on every read…");
        await using var data = NpgsqlDataSource.Create(postgres);
        var database = new BaselineDatabase(data);
        await database.CreateSchemaAsync();
        var import = await TimeAsync(() => database.LoadAsync(province.HierarchyCsv));
        log.WriteLine($"  load (COPY): {import:F1} s");
        var groupBy = await MeasureBaselineAsync(province, data, database.ReadPageAsync, import);

        log.WriteLine("Baseline: PostgreSQL, rollup rows maintained by a trigger in every writer's transaction…");
        await using (var truncate = data.CreateCommand("TRUNCATE assessments"))
        {
            await truncate.ExecuteNonQueryAsync();
        }

        var rollups = new TriggerMaintainedRollups(data);
        var install = await TimeAsync(rollups.InstallAsync);
        log.WriteLine($"  rollup table and trigger: {install:F1} s");
        await using var sampler = await LockWaitSampler.StartAsync(data);
        var trigger = await MeasureBaselineAsync(province, data, rollups.ReadPageAsync, import + install, sampler);
        var differing = await rollups.CountRowsDifferingFromGroupByAsync();
        log.WriteLine($"  rollup rows differing from GROUP BY over the same assessments: {differing:N0}");
        return (groupBy, new TriggerBaselineFigures(trigger.Side, trigger.Locks!, differing));
    }

    private async Task<SideFigures> MeasureBaselineAsync(GeneratedProvince province, NpgsqlDataSource data, Func<string, Task<BaselinePage?>> readPage, double import) =>
        (await MeasureBaselineAsync(province, data, readPage, import, sampler: null)).Side;

    private async Task<(SideFigures Side, LockWaits? Locks)> MeasureBaselineAsync(GeneratedProvince province, NpgsqlDataSource data, Func<string, Task<BaselinePage?>> readPage, double import, LockWaitSampler? sampler)
    {
        await using var app = await BaselineApp.StartAsync(data, readPage);
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(10) };
        var known = new ConcurrentDictionary<string, Submitted>();
        var cpu = CpuAccounting.Start([]);
        var deadline = await DeadlineDayAsync(province, known, code => $"/orgs/{code}/assessment", http, ifMatch: false);
        var deadlineCpu = cpu.Stop();
        var locks = sampler is null ? null : await sampler.StopAsync();
        log.WriteLine($"  {deadline.PerSecond:N0} submissions/s, p50 {deadline.P50:F1} ms, p99 {deadline.P99:F1} ms, {deadline.Errors} errors; cores used (- / PostgreSQL / harness / machine): {deadlineCpu}");
        if (locks is not null)
        {
            log.WriteLine($"  lock waits: {locks.MeanWaiting:F1} sessions waiting on a lock on average ({locks.WaitingShare:P0} of those running a statement), at most {locks.MostWaiting}; {locks.Deadlocks} deadlocks");
        }

        var page = await readPage(province.RootCode);
        var expected = Expected(known);
        if (page is null || page.Summary.Assessed != expected.Assessed || page.Summary.ScoreSum != expected.ScoreSum)
        {
            throw new InvalidOperationException("the baseline's province page does not match its own submissions");
        }

        var (single, rate, max) = await ReadsAsync(http, $"/nodes/{province.RootCode}", "/nodes/430100");
        log.WriteLine($"  province/city pages at {options.ReadRate}/s: p50 {rate.P50:F2} ms, p99 {rate.P99:F2} ms; at most {max.PerSecond:N0}/s");
        return (new SideFigures(import, deadline, 0, 0, single, rate, max, null, DeadlineCpu: deadlineCpu), locks);
    }

    private Task<LoadResult> DeadlineDayAsync(GeneratedProvince province, ConcurrentDictionary<string, Submitted> known, Func<string, string> url, HttpClient http, bool ifMatch) =>
        DeadlineDayAsync(province.Assessments.Select(a => (a.Code, url(a.Code), a.Input)), known, http, ifMatch);

    /// <summary>Clients submit for the whole duration; a branch is never submitted twice at once, as on a real deadline.</summary>
    private async Task<LoadResult> DeadlineDayAsync(IEnumerable<(string Key, string Url, AssessmentInput Input)> assessments, ConcurrentDictionary<string, Submitted> known, HttpClient http, bool ifMatch)
    {
        var queue = new ConcurrentQueue<(string Key, string Url, AssessmentInput Input)>(assessments);
        return await LoadRunner.ClosedLoopAsync(options.Clients, TimeSpan.FromSeconds(options.Duration), async token =>
        {
            if (!queue.TryDequeue(out var item))
            {
                return false;
            }

            try
            {
                return await SubmitAsync(http, item.Url, item.Key, item.Input, known, ifMatch, token);
            }
            finally
            {
                queue.Enqueue(item);
            }
        });
    }

    /// <param name="key">Where <paramref name="known"/> keeps the branch: its code, or with many tenants <c>tenant/code</c>.</param>
    private static async Task<bool> SubmitAsync(HttpClient http, string url, string key, AssessmentInput input, ConcurrentDictionary<string, Submitted> known, bool ifMatch, CancellationToken token)
    {
        var revision = ifMatch && known.TryGetValue(key, out var previous) ? previous.Revision : (int?)null;
        if (await AssessmentClient.PutAsync(http, url, input, revision, token) is not { } body)
        {
            return false;
        }

        known[key] = new Submitted(body.GetProperty("total").GetDecimal(), body.GetProperty("rating").GetString()!, body.GetProperty("compliant").GetBoolean(), body.GetProperty("revision").GetInt32());
        return true;
    }

    /// <summary>
    /// From the last acknowledged submission until the province summary is exact: after deadline day, then after each
    /// of the bursts of submissions.
    /// </summary>
    private async Task<Latencies> FreshnessAsync(HttpClient http, GeneratedProvince province, ConcurrentDictionary<string, Submitted> known)
    {
        var freshness = new Latencies();
        freshness.Add(await WaitForExactProvinceAsync(http, province.RootCode, known));
        var random = new Random(7);
        for (var burst = 0; burst < options.Bursts; burst++)
        {
            var batch = known.Keys.OrderBy(_ => random.Next()).Take(options.BurstSize).Select(code => (code, DemoProvince.Assess(Framework, random, 0.01))).ToList();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Clients }, async (item, token) =>
                await SubmitAsync(http, AssessmentUrl(item.code), item.code, item.Item2, known, ifMatch: true, token));
            freshness.Add(await WaitForExactProvinceAsync(http, province.RootCode, known));
        }

        return freshness;
    }

    /// <summary>The time until the province summary equals, field for field, what the acknowledged submissions add up to.</summary>
    private static Task<TimeSpan> WaitForExactProvinceAsync(HttpClient http, string root, ConcurrentDictionary<string, Submitted> known) =>
        WaitForExactProvinceAsync(http, Tenant, root, known.Values);

    private static async Task<TimeSpan> WaitForExactProvinceAsync(HttpClient http, string tenant, string root, IEnumerable<Submitted> known)
    {
        var expected = Expected(known);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var actual = TotalsOf(JsonDocument.Parse(await http.GetStringAsync($"/api/v1/tenants/{tenant}/nodes/{root}/summary")).RootElement);
            if (actual == expected)
            {
                return watch.Elapsed;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"the province never became exact: expected {expected}, last saw {actual}");
            }

            await Task.Delay(5);
        }
    }

    private static Totals TotalsOf(JsonElement summary)
    {
        var ratings = summary.GetProperty("ratings");
        return new Totals(summary.GetProperty("assessed").GetInt32(), summary.GetProperty("scoreSum").GetDecimal(), summary.GetProperty("compliant").GetInt32(),
            string.Join(',', BaselineDatabase.StarLevels.Select(level => ratings.GetProperty(level).GetInt32())));
    }

    private static Totals Expected(ConcurrentDictionary<string, Submitted> known) => Expected(known.Values);

    private static Totals Expected(IEnumerable<Submitted> known)
    {
        var values = known.ToList();
        return new Totals(values.Count, values.Sum(v => v.Total), values.Count(v => v.Compliant),
            string.Join(',', BaselineDatabase.StarLevels.Select(level => values.Count(v => v.Rating == level))));
    }

    /// <summary>Province and city pages alternately: at the fixed rate, then as fast as 16 clients can read.</summary>
    private async Task<(LoadResult Single, LoadResult Rate, LoadResult Max)> ReadsAsync(HttpClient http, string province, string city)
    {
        var turn = 0;
        async Task<bool> Read(CancellationToken token)
        {
            using var response = await http.GetAsync(Interlocked.Increment(ref turn) % 2 == 0 ? province : city, token);
            await response.Content.ReadAsByteArrayAsync(token);
            return response.IsSuccessStatusCode;
        }

        await LoadRunner.ClosedLoopAsync(4, TimeSpan.FromSeconds(1), Read);
        var single = await LoadRunner.ClosedLoopAsync(1, TimeSpan.FromSeconds(Math.Max(1, options.ReadSeconds / 2)), Read);
        var rate = await LoadRunner.OpenLoopAsync(options.ReadRate, TimeSpan.FromSeconds(options.ReadSeconds), Read);
        var max = await LoadRunner.ClosedLoopAsync(16, TimeSpan.FromSeconds(Math.Max(1, options.ReadSeconds / 2)), Read);
        return (single, rate, max);
    }

    /// <summary>Deactivates every grain, activates a sample of organisations, and divides the growth by the activations.</summary>
    private async Task<MemoryFigures> MeasureMemoryAsync(HttpClient http, GeneratedProvince province)
    {
        (await http.PostAsync("/diagnostics/deactivate-all", null)).EnsureSuccessStatusCode();
        var before = await http.GetFromJsonAsync<MemoryReading>("/diagnostics/memory");
        var sample = province.Assessments.Select(a => a.Code).Take(options.MemorySample).ToList();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (code, token) =>
            (await http.GetAsync($"/api/v1/tenants/{Tenant}/nodes/{code}/summary", token)).EnsureSuccessStatusCode());
        var after = await http.GetFromJsonAsync<MemoryReading>("/diagnostics/memory");
        var activated = Math.Max(1, after!.Activations - before!.Activations);
        var ownData = OrganisationFootprint.MeasureBytesPerOrganisation(province, Framework, sample.Count);
        return new MemoryFigures(activated, sample.Count, (after.ManagedHeapBytes - before.ManagedHeapBytes) / (double)activated,
            (after.WorkingSetBytes - before.WorkingSetBytes) * 1000.0 / activated, ownData);
    }

    /// <summary>Imports the province's hierarchy into the tenant through the gateway; returns the seconds it took.</summary>
    private static Task<double> ImportAsync(HttpClient http, string tenant, GeneratedProvince province) => TimeAsync(async () =>
    {
        var response = await http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", province.HierarchyCsv);
        var report = await ReadJsonAsync(response);
        if (report.GetProperty("rejected").GetInt32() > 0)
        {
            throw new InvalidOperationException($"the platform rejected rows of the generated province of {tenant}");
        }
    });

    private static string AssessmentUrl(string code) => AssessmentUrl(Tenant, code);

    private static string AssessmentUrl(string tenant, string code) => $"/api/v1/tenants/{tenant}/orgs/{code}/assessment";

    /// <summary>A database of its own on the same server, for the cluster (its tables must not meet the baseline's).</summary>
    private static async Task<string> CreateDatabaseAsync(string postgres)
    {
        var name = "platform_" + Guid.NewGuid().ToString("N");
        await using (var data = NpgsqlDataSource.Create(postgres))
        await using (var create = data.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement : throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
    }

    private static Assessment Score(AssessmentInput input) => Assessor.Score(Framework, input).Assessment!;

    private sealed record Submitted(decimal Total, string Rating, bool Compliant, int Revision);

    private sealed record Totals(int Assessed, decimal ScoreSum, int Compliant, string Stars);

    private sealed record MemoryReading(long ManagedHeapBytes, long WorkingSetBytes, int Activations);
}
