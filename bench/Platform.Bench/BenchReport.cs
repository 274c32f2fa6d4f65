using System.Globalization;
using System.Text;
using Platform.Bench.Load;

namespace Platform.Bench;

/// <summary>What one side measured.</summary>
/// <param name="FreshnessP50">Milliseconds from the last acknowledged submission to an exact province summary.</param>
public sealed record SideFigures(
    double ImportSeconds,
    LoadResult Deadline,
    double FreshnessP50,
    double FreshnessP99,
    LoadResult ReadsAlone,
    LoadResult ReadsAtRate,
    LoadResult ReadsMax,
    MemoryFigures? Memory,
    LoadResult? HttpPathAlone = null,
    LoadResult? DeadlineWarm = null,
    AuthenticationFigures? Authentication = null);

/// <summary>What signing in costs: warm deadline rounds and province/city reads through the real routes (a token
/// validated, the access check) and through the same routes taken on trust, each the mean of two alternating rounds;
/// and the HTTP path alone with and without a token.</summary>
public sealed record AuthenticationFigures(
    double SignedInPerSecond, double TrustedPerSecond, double SignedInReadP50, double TrustedReadP50,
    double SignedInReadP99, double TrustedReadP99, double EchoSignedInPerSecond, int Errors)
{
    /// <summary>The share of the submission rate authentication takes (negative: within the machine's noise).</summary>
    public double SubmissionCost => 1 - (SignedInPerSecond / TrustedPerSecond);

    /// <summary>How much longer a read takes at its median for being authenticated.</summary>
    public double ReadCost => (SignedInReadP50 / TrustedReadP50) - 1;
}

/// <summary>Managed heap per activated organisation, and process working set per 1,000 of them.</summary>
/// <param name="Activated">Every activation the sample caused: the organisations read and the parents they woke.</param>
/// <param name="Organisations">The organisations read, each now holding its state.</param>
/// <param name="OwnDataPerOrganisation">The heap an organisation's own state takes by itself (<see cref="OrganisationFootprint"/>).</param>
public sealed record MemoryFigures(int Activated, int Organisations, double HeapPerActivation, double WorkingSetPerThousand, double OwnDataPerOrganisation)
{
    /// <summary>
    /// What the platform adds per activation beyond the organisations' own data: the figure the 3 KB target is about.
    /// The parents' own data (a school's or region's definition and children list) is left in, so it errs high.
    /// </summary>
    public double OverheadPerActivation => (HeapPerActivation * Activated - OwnDataPerOrganisation * Organisations) / Activated;
}

/// <summary>The side-by-side table of one run.</summary>
public sealed record BenchReport(BenchOptions Options, int Rows, int Schools, int Organisations, SideFigures Platform, SideFigures Baseline, double StorageCeiling)
{
    public double ShareOfCeiling => Platform.Deadline.PerSecond / StorageCeiling;

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        string Ratio(double platform, double baseline) => baseline == 0 ? "—" : (platform / baseline).ToString("0.00", c);
        var p = Platform;
        var b = Baseline;
        var o = Options;
        var text = new StringBuilder()
            .AppendLine(c, $"Province: {Rows:N0} rows — {Schools:N0} schools, {Organisations:N0} organisations (14 cities, 122 counties). Deadline day: {o.Clients} clients for {o.Duration} s. Reads: province and city pages alternately at {o.ReadRate}/s for {o.ReadSeconds} s, then 16 clients flat out.")
            .AppendLine()
            .AppendLine("| figure | platform | baseline (PostgreSQL + SQL) | platform / baseline |")
            .AppendLine("|---|---:|---:|---:|")
            .AppendLine(c, $"| import {Organisations:N0} organisations (s) | {p.ImportSeconds:F1} | {b.ImportSeconds:F1} (COPY) | {Ratio(p.ImportSeconds, b.ImportSeconds)} |")
            .AppendLine(c, $"| deadline day: submissions/s | {p.Deadline.PerSecond:N0} | {b.Deadline.PerSecond:N0} | {Ratio(p.Deadline.PerSecond, b.Deadline.PerSecond)} |")
            .AppendLine(c, $"| deadline day: latency p50 / p95 / p99 (ms) | {p.Deadline.P50:F1} / {p.Deadline.P95:F1} / {p.Deadline.P99:F1} | {b.Deadline.P50:F1} / {b.Deadline.P95:F1} / {b.Deadline.P99:F1} | {Ratio(p.Deadline.P99, b.Deadline.P99)} (p99) |")
            .AppendLine(c, $"| deadline day: errors | {p.Deadline.Errors} | {b.Deadline.Errors} | |")
            .AppendLine(c, $"| freshness: province exact after last ack, p50 / p99 (ms) | {p.FreshnessP50:F0} / {p.FreshnessP99:F0} | 0 / 0 (computed on read) | |")
            .AppendLine(c, $"| dashboard read, one client alone: p50 / p99 (ms) | {p.ReadsAlone.P50:F2} / {p.ReadsAlone.P99:F2} | {b.ReadsAlone.P50:F2} / {b.ReadsAlone.P99:F2} | {Ratio(p.ReadsAlone.P50, b.ReadsAlone.P50)} (p50) |")
            .AppendLine(c, $"| dashboard read at {o.ReadRate}/s: p50 / p99 (ms) | {p.ReadsAtRate.P50:F2} / {p.ReadsAtRate.P99:F2} | {b.ReadsAtRate.P50:F2} / {b.ReadsAtRate.P99:F2} | {Ratio(p.ReadsAtRate.P99, b.ReadsAtRate.P99)} (p99) |")
            .AppendLine(c, $"| dashboard read at {o.ReadRate}/s: errors | {p.ReadsAtRate.Errors} | {b.ReadsAtRate.Errors} | |")
            .AppendLine(c, $"| dashboard reads flat out (pages/s) | {p.ReadsMax.PerSecond:N0} | {b.ReadsMax.PerSecond:N0} | {Ratio(p.ReadsMax.PerSecond, b.ReadsMax.PerSecond)} |")
            .AppendLine(c, $"| storage ceiling: raw grain-state writes/s | {StorageCeiling:N0} | | |")
            .AppendLine(c, $"| submissions as a share of the ceiling | {ShareOfCeiling:P0} | | |");
        if (p.DeadlineWarm is { } warm)
        {
            text.AppendLine(c, $"| deadline day, second round with every grain already active: submissions/s | {warm.PerSecond:N0} | | |")
                .AppendLine(c, $"| deadline day, second round: latency p50 / p95 / p99 (ms) | {warm.P50:F1} / {warm.P95:F1} / {warm.P99:F1} | | |")
                .AppendLine(c, $"| second round as a share of the ceiling | {warm.PerSecond / StorageCeiling:P0} | | |");
        }

        if (p.HttpPathAlone is { } path)
        {
            text.AppendLine(c, $"| HTTP path alone: the same PUT parsed, scored and answered, no grain, no storage (requests/s) | {path.PerSecond:N0} | | |")
                .AppendLine(c, $"| submissions as a share of the HTTP path alone | {p.Deadline.PerSecond / path.PerSecond:P0} | | |");
        }

        if (p.Authentication is { } auth)
        {
            text.AppendLine(c, $"| HTTP path alone with a token validated (requests/s) | {auth.EchoSignedInPerSecond:N0} | | |")
                .AppendLine(c, $"| warm deadline round, signed in / taken on trust: submissions/s | {auth.SignedInPerSecond:N0} / {auth.TrustedPerSecond:N0} | | |")
                .AppendLine(c, $"| authentication's cost to the submission rate (target ≤ 10 %) | {auth.SubmissionCost:P1} | | |")
                .AppendLine(c, $"| reads at {o.ReadRate}/s, signed in / taken on trust: p50 (ms) | {auth.SignedInReadP50:F2} / {auth.TrustedReadP50:F2} | | |")
                .AppendLine(c, $"| reads at {o.ReadRate}/s, signed in / taken on trust: p99 (ms) | {auth.SignedInReadP99:F2} / {auth.TrustedReadP99:F2} | | |")
                .AppendLine(c, $"| authentication's cost to the read p50 (target ≤ 10 %) | {auth.ReadCost:P1} | | |");
        }


        if (p.Memory is { } m)
        {
            text.AppendLine(c, $"| memory: managed heap per activated organisation (bytes, {m.Activated:N0} activated) | {m.HeapPerActivation:N0} | | |")
                .AppendLine(c, $"| memory: an organisation's own data alone (definition and scored assessment as read from storage, bytes) | {m.OwnDataPerOrganisation:N0} | | |")
                .AppendLine(c, $"| memory: platform overhead beyond the {m.Organisations:N0} organisations' own data, per activation (bytes; target ≤ 3,072) | {m.OverheadPerActivation:N0} | | |")
                .AppendLine(c, $"| memory: working set per 1,000 activated organisations (KiB) | {m.WorkingSetPerThousand / 1024:N0} | | |");
        }

        return text.ToString();
    }
}
