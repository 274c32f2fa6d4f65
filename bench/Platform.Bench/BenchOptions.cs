using System.Globalization;

namespace Platform.Bench;

/// <summary>
/// Command line: <c>--orgs 50000 --clients 32 --duration 20 --read-rate 500 --read-seconds 10 --bursts 20
/// --burst-size 200 --cluster-silos 3 [--national 500000 --national-tenants 34 [--national-only]] [--postgres CONNECTION] [--out docs/benchmarks.md]</c>,
/// or for the campaign benchmark alone
/// <c>--campaign [--orgs 50000] [--in-flight 64] [--out docs/benchmarks-campaign.md]</c>, or for the import benchmark
/// alone <c>--import 50000 [--out docs/benchmarks-import.md]</c>.
/// </summary>
public sealed record BenchOptions
{
    public const string CampaignOutput = "docs/benchmarks-campaign.md";

    public const string ImportOutput = "docs/benchmarks-import.md";

    public int Organisations { get; init; } = 50_000;

    /// <summary>Concurrent clients on deadline day.</summary>
    public int Clients { get; init; } = 32;

    /// <summary>How long deadline day lasts, in seconds.</summary>
    public int Duration { get; init; } = 20;

    /// <summary>Dashboard page reads per second in the fixed-rate phase.</summary>
    public int ReadRate { get; init; } = 500;

    public int ReadSeconds { get; init; } = 10;

    public int Bursts { get; init; } = 20;

    public int BurstSize { get; init; } = 200;

    /// <summary>How many organisations to activate for the memory figure.</summary>
    public int MemorySample { get; init; } = 20_000;

    /// <summary>The baseline's PostgreSQL; without it the harness starts a throwaway server on 127.0.0.1.</summary>
    public string? Postgres { get; init; }

    public string? Output { get; init; }

    /// <summary>Silo processes of the cluster mode (PostgreSQL, the gateway as their client); 0 leaves the cluster mode out.</summary>
    public int ClusterSilos { get; init; } = 3;

    /// <summary>Organisations of the national-scale run on the cluster, over <see cref="NationalTenants"/> provinces; 0 (the default) leaves it out.</summary>
    public int National { get; init; }

    public int NationalTenants { get; init; } = 34;

    /// <summary>Run the national scale alone (its own table), without the province comparison.</summary>
    public bool NationalOnly { get; init; }

    /// <summary>Run only the campaign benchmark (grain calls in-process), not the HTTP comparison with the baseline.</summary>
    public bool Campaign { get; init; }

    /// <summary>Campaign benchmark: branch commands in flight at once, as many reviewers working in parallel.</summary>
    public int InFlight { get; init; } = 64;

    /// <summary>Run only the import benchmark, with a file of this many rows; 0 (the default) leaves it out.</summary>
    public int ImportRows { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--orgs" => options with { Organisations = Number() },
                "--clients" => options with { Clients = Number() },
                "--duration" => options with { Duration = Number() },
                "--read-rate" => options with { ReadRate = Number() },
                "--read-seconds" => options with { ReadSeconds = Number() },
                "--bursts" => options with { Bursts = Number() },
                "--burst-size" => options with { BurstSize = Number() },
                "--memory-sample" => options with { MemorySample = Number() },
                "--postgres" => options with { Postgres = Next() },
                "--out" => options with { Output = Next() },
                "--cluster-silos" => options with { ClusterSilos = Number() },
                "--national" => options with { National = Number() },
                "--national-tenants" => options with { NationalTenants = Number() },
                "--national-only" => options with { NationalOnly = true },
                "--campaign" => options with { Campaign = true },
                "--in-flight" => options with { InFlight = Number() },
                "--import" => options with { ImportRows = Number() },
                _ => throw new ArgumentException($"unknown option {args[i]}; see bench/Platform.Bench/BenchOptions.cs"),
            };
        }

        // The campaign figures are only worth running for when they are kept, so that mode writes its report by default.
        return options.Output is not null ? options
            : options.Campaign ? options with { Output = CampaignOutput }
            : options.ImportRows > 0 ? options with { Output = ImportOutput }
            : options;
    }
}
