using System.Runtime.InteropServices;
using Platform.Bench;

// The province-scale benchmark: see BenchmarkRun. Writes the side-by-side table to --out when given.
var options = BenchOptions.Parse(args);
var report = await new BenchmarkRun(options, Console.Out).RunAsync();
var table = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(table);

if (options.Output is { } output)
{
    var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:N0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    var command = $"dotnet run -c Release --project bench/Platform.Bench -- {string.Join(' ', args)}";
    await File.WriteAllTextAsync(output, $"""
        # Benchmarks

        Measured {DateTime.UtcNow:yyyy-MM-dd} on {machine}. The platform runs in its embedded mode (one process, SQLite in
        WAL mode, synchronous=NORMAL); the baseline is a plain web app over PostgreSQL (synchronous_commit=off, the same
        durability class) in the harness process. Both are driven over real HTTP on loopback from the harness.

        Command: `{command}`

        {table}
        """);
    Console.WriteLine($"Written to {output}");
}
