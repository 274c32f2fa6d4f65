using System.Globalization;
using System.Text;
using Platform.Domain.Campaigns;

namespace Platform.Bench.Campaigns;

/// <summary>What one campaign benchmark run measured and whether its results came out exact.</summary>
/// <param name="Final">The step the benchmark exists for: <c>Advance(final)</c> over every branch.</param>
/// <param name="Results">The campaign-wide tally after finalisation.</param>
/// <param name="Findings">What limited or disturbed the run, in words: timeouts, retries, refusals.</param>
public sealed record CampaignReport(
    BenchOptions Options,
    int Rows,
    int Schools,
    int Organisations,
    int Branches,
    int Sampled,
    IReadOnlyList<CampaignStep> Steps,
    CampaignStep Final,
    CampaignTally Results,
    IReadOnlyList<ExactnessCheck> Checks,
    CampaignMemory Memory,
    int SiloWarnings,
    IReadOnlyList<string> FirstSiloWarnings,
    IReadOnlyList<string> Findings)
{
    public bool Exact => Checks.Count > 0 && Checks.All(c => c.Holds);

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var r = Results;
        var text = new StringBuilder()
            .AppendLine(c, $"**Finalising {Final.Count:N0} branches: {Final.Seconds:F1} s, {Final.PerSecond:N0} branches/s** (one `Advance(final)` call: quotas, then every result made official and written into the standing hierarchy).")
            .AppendLine()
            .AppendLine(c, $"Province: {Rows:N0} rows — {Schools:N0} schools, {Organisations:N0} organisations (14 cities, 122 counties); {Branches:N0} branches on the roster. Every branch self-assesses and is reviewed, {Options.InFlight} commands in flight; the cross-region check samples 10 % of each city (at least one), widening on failure; five-star is capped at 10 % per city.")
            .AppendLine()
            .AppendLine("| step | wall time (s) | went through | per second | per call p50 / p99 (ms) | refused |")
            .AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var step in Steps)
        {
            var calls = step.Calls is { } l ? $"{l.P50:F1} / {l.P99:F1}" : "";
            var refused = step.Calls?.Errors.ToString("N0", c) ?? "";
            var bold = step == Final ? "**" : "";
            var rate = step.Count > 1 ? $"{bold}{step.PerSecond:N0}{bold}" : "";
            text.AppendLine(c, $"| {bold}{step.Name}{bold} | {bold}{step.Seconds:F2}{bold} | {step.Count:N0} {step.Unit} | {rate} | {calls} | {refused} |");
        }

        text.AppendLine()
            .AppendLine(c, $"Results: {r.Rated:N0} rated, {r.Compliant:N0} compliant; ★1–★5 {r.Ratings.Star1:N0} / {r.Ratings.Star2:N0} / {r.Ratings.Star3:N0} / {r.Ratings.Star4:N0} / {r.Ratings.Star5:N0}; {r.Sampled:N0} sampled and {r.CrossChecked:N0} cross-checked, {r.FailedCrossCheck:N0} failed it, {r.Returned:N0} branches sent back by the cascade.")
            .AppendLine()
            .AppendLine("| exactness after final | expected | found | holds |")
            .AppendLine("|---|---:|---:|---|");
        foreach (var check in Checks)
        {
            text.AppendLine(c, $"| {check.Name} | {check.Expected} | {check.Found} | {(check.Holds ? "yes" : "**no**")} |");
        }

        var m = Memory;
        text.AppendLine()
            .AppendLine("| memory after final (silo and harness in one process) | |")
            .AppendLine("|---|---:|")
            .AppendLine(c, $"| managed heap after a full compacting collection | {m.ManagedHeapBytes / 1048576.0:N0} MiB |")
            .AppendLine(c, $"| working set | {m.WorkingSetBytes / 1048576.0:N0} MiB |")
            .AppendLine(c, $"| live grain activations | {m.Activations:N0} |")
            .AppendLine(c, $"| managed heap per activation | {(m.Activations == 0 ? 0 : m.ManagedHeapBytes / m.Activations):N0} B |")
            .AppendLine()
            .AppendLine(c, $"Silo warnings and errors logged during the run: {SiloWarnings:N0}.");
        if (FirstSiloWarnings.Count > 0)
        {
            text.AppendLine();
            foreach (var warning in FirstSiloWarnings.Take(10))
            {
                // Shortened: an exception's message can run to pages, and the first sentence names the cause.
                text.AppendLine(c, $"- `{(warning.Length > 240 ? warning[..240] + "…" : warning).Replace('`', '\'')}`");
            }
        }

        if (Findings.Count > 0)
        {
            text.AppendLine().AppendLine("Findings:").AppendLine();
            foreach (var finding in Findings)
            {
                text.AppendLine(c, $"- {finding}");
            }
        }

        return text.ToString();
    }
}
