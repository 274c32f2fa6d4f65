using System.Runtime;
using Platform.Bench;
using Platform.Bench.Campaigns;
using Platform.Bench.Imports;

// The province-scale benchmark (see BenchmarkRun), or with --campaign the campaign benchmark alone (see
// CampaignBenchmark). Writes the report to --out when given.
var options = BenchOptions.Parse(args);
var command = $"dotnet run -c Release --project bench/Platform.Bench -- {string.Join(' ', args)}";
if (options.Campaign)
{
    // The silo runs in this process here, so its garbage collector is this process's; the gateway runs server GC.
    var gc = GCSettings.IsServerGC
        ? "Server GC, as the gateway runs."
        : "Workstation GC, the harness's default; the gateway runs server GC (put `DOTNET_gcServer=1` before the command to match it).";
    var environment = GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") == "1" ? "DOTNET_gcServer=1 " : "";
    var campaign = await new CampaignBenchmark(options, Console.Out).RunAsync();
    var section = campaign.ToMarkdown();
    Console.WriteLine();
    Console.WriteLine(section);
    await WriteAsync(options.Output!, $"""
        # Campaign benchmark

        Measured {DateTime.UtcNow:yyyy-MM-dd} on {Machine.Describe()}. One process: an embedded silo on a fresh SQLite
        file (WAL, synchronous=NORMAL, grain state and reminders), configured as the platform's embedded mode; the
        province is loaded through the hierarchy importer and every campaign stage is driven by grain calls, as the
        gateway makes them, without HTTP in between. {gc}

        Command: `{environment}{command}`

        {section}
        """);

    // A run whose results are not exact must not pass for a good one in a script or CI.
    return campaign.Exact ? 0 : 1;
}

await using var loadAverage = new LoadAverageSampler();
var started = DateTime.UtcNow;
if (options.ImportRows > 0)
{
    var import = await new ImportBenchmark(options, Console.Out).RunAsync();
    Console.WriteLine();
    Console.WriteLine(import.ToMarkdown());
    await WriteAsync(options.Output!, $"""
        # Import benchmark

        Measured {started:yyyy-MM-dd HH:mm} UTC on {Machine.Describe()}; the machine's 1-minute load average during the
        run: {loadAverage.Describe()} (above the core count, other work was waiting for the cores too). The gateway in its
        embedded mode (its own process, an embedded silo on a fresh SQLite file); a generated province's hierarchy as
        UTF-8 CSV, uploaded over HTTP on loopback to `POST imports/hierarchy` (202), then its job polled every 100 ms at
        its Location until finished. Every row is created; none is rejected.

        Command: `{command}`

        {import.ToMarkdown()}
        """);
    return 0;
}

if (options.NationalOnly)
{
    var national = BenchReport.NationalMarkdown(await new BenchmarkRun(options, Console.Out).RunNationalAsync());
    Console.WriteLine();
    Console.WriteLine(national);
    if (options.Output is { } nationalOutput)
    {
        await WriteAsync(nationalOutput, $"""
            # National-scale benchmark

            Measured {started:yyyy-MM-dd HH:mm}–{DateTime.UtcNow:HH:mm} UTC on {Machine.Describe()}; the machine's 1-minute
            load average during the run: {loadAverage.Describe()}. The cluster mode on this machine: PostgreSQL,
            {options.ClusterSilos} silo processes and the gateway process as their Orleans client.

            Command: `{command}`

            {national}
            """);
    }

    return 0;
}

var report = await new BenchmarkRun(options, Console.Out).RunAsync(async partial =>
{
    if (options.Output is { } output)
    {
        await WriteAsync(output, Document(partial, "The national run was under way when this was written; it replaces this file when it ends."));
    }
});
var table = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(table);
if (options.Output is { } output)
{
    await WriteAsync(output, Document(report, ""));
}

return 0;

string Document(BenchReport report, string note) => $"""
    # Benchmarks

    Measured {started:yyyy-MM-dd HH:mm}–{DateTime.UtcNow:HH:mm} UTC on {Machine.Describe()}; the machine's 1-minute load average
    during the run: {loadAverage.Describe()} (above the core count, other work was waiting for the cores too, so
    every figure is lower than the machine would give the benchmark alone). {note}

    Columns: the platform in its embedded mode (one process, SQLite in WAL mode, synchronous=NORMAL); the platform as a
    cluster ({options.ClusterSilos} silo processes over PostgreSQL, the gateway process as their Orleans client, all on
    this machine); the baseline, a plain web app over PostgreSQL (synchronous_commit=off, the same durability class) in
    the harness process, computing rollups with GROUP BY on every read; and the same app over rollup rows that a
    trigger maintains in every writer's transaction. All are driven over real HTTP on loopback from the harness, on
    one PostgreSQL server (a database each).

    Command: `{command}`

    {report.ToMarkdown()}
    """;

static async Task WriteAsync(string path, string text)
{
    await File.WriteAllTextAsync(path, text);
    Console.WriteLine($"Written to {path}");
}
