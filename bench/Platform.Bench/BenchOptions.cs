using System.Globalization;

namespace Platform.Bench;

/// <summary>Command line: <c>--orgs 50000 --clients 32 --bursts 20 --burst-size 200 --out docs/benchmarks.md</c>.</summary>
internal sealed record BenchOptions
{
    public int Organisations { get; init; } = 50_000;

    public int Clients { get; init; } = 32;

    public int Bursts { get; init; } = 20;

    public int BurstSize { get; init; } = 200;

    public string? Output { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--orgs" => options with { Organisations = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--clients" => options with { Clients = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--bursts" => options with { Bursts = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--burst-size" => options with { BurstSize = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--out" => options with { Output = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}; options: --orgs N --clients N --bursts N --burst-size N --out FILE"),
            };
        }

        return options;
    }
}
