using System.Globalization;
using System.Text;
using Platform.Bench.Baseline;
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
    AuthenticationFigures? Authentication = null,
    CpuUse? DeadlineCpu = null);

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
/// <param name="Platform">The platform in its embedded mode (one process, SQLite).</param>
/// <param name="Baseline">The PostgreSQL baseline computing rollups with GROUP BY on every read.</param>
public sealed record BenchReport(BenchOptions Options, int Rows, int Schools, int Organisations, SideFigures Platform, SideFigures Baseline, double StorageCeiling)
{
    /// <summary>The PostgreSQL baseline whose rollup rows a trigger maintains in every writer's transaction.</summary>
    public TriggerBaselineFigures? TriggerBaseline { get; init; }

    /// <summary>The platform as a cluster: PostgreSQL, silo processes and the gateway as their client.</summary>
    public ClusterFigures? Cluster { get; init; }

    /// <summary>The cluster at national scale (<c>--national</c>).</summary>
    public NationalFigures? National { get; init; }

    /// <summary>Why the cluster run did not finish, when it did not.</summary>
    public string? ClusterFailure { get; init; }

    /// <summary>Why the national run asked for did not finish, when it did not.</summary>
    public string? NationalFailure { get; init; }

    public double ShareOfCeiling => Platform.Deadline.PerSecond / StorageCeiling;

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        string Ratio(double platform, double baseline) => baseline == 0 || double.IsNaN(baseline) ? "—" : (platform / baseline).ToString("0.00", c);
        var p = Platform;
        var b = Baseline;
        var t = TriggerBaseline?.Side;
        var k = Cluster?.Side;
        var o = Options;
        var text = new StringBuilder()
            .AppendLine(c, $"Province: {Rows:N0} rows — {Schools:N0} schools, {Organisations:N0} organisations (14 cities, 122 counties). Deadline day: {o.Clients} clients for {o.Duration} s. Reads: province and city pages alternately at {o.ReadRate}/s for {o.ReadSeconds} s, then 16 clients flat out.")
            .AppendLine()
            .AppendLine("| figure | platform, embedded | platform, cluster | baseline (PostgreSQL + SQL) | baseline, trigger-maintained rollups | platform / baseline | embedded / trigger | cluster / trigger |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");

        // A figure measured on every side: the embedded platform, the cluster, GROUP BY and the trigger baseline.
        void Row(string figure, Func<SideFigures, string> cell, Func<SideFigures, SideFigures, string>? ratio = null, string? groupBy = null, string? triggered = null) =>
            text.AppendLine(c, $"| {figure} | {cell(p)} | {(k is null ? "" : cell(k))} | {groupBy ?? cell(b)} | {triggered ?? (t is null ? "" : cell(t))} | {ratio?.Invoke(p, b)} | {(t is null ? "" : ratio?.Invoke(p, t))} | {(t is null || k is null ? "" : ratio?.Invoke(k, t))} |");

        // A figure of one side only.
        void Line(string figure, string embedded, string cluster = "", string groupBy = "", string triggered = "") =>
            text.AppendLine(c, $"| {figure} | {embedded} | {cluster} | {groupBy} | {triggered} | | | |");

        Row($"import {Organisations:N0} organisations (s)", s => s.ImportSeconds.ToString("F1", c), (x, y) => Ratio(x.ImportSeconds, y.ImportSeconds),
            groupBy: $"{b.ImportSeconds:F1} (COPY)", triggered: t is null ? null : $"{t.ImportSeconds:F1} (COPY, rollup table, trigger)");
        Row("deadline day: submissions/s", s => s.Deadline.PerSecond.ToString("N0", c), (x, y) => Ratio(x.Deadline.PerSecond, y.Deadline.PerSecond));
        Row("deadline day: latency p50 / p95 / p99 (ms)", s => $"{s.Deadline.P50:F1} / {s.Deadline.P95:F1} / {s.Deadline.P99:F1}", (x, y) => $"{Ratio(x.Deadline.P99, y.Deadline.P99)} (p99)");
        Row("deadline day: errors", s => s.Deadline.Errors.ToString(c));
        Row($"deadline day: cores used by the platform's processes / PostgreSQL / the harness (clients; the baseline's app) / the whole machine", s => s.DeadlineCpu?.ToString() ?? "");
        Row("deadline day: CPU per submission (ms): platform's processes and PostgreSQL; for a baseline PostgreSQL and the harness (its app, and the clients: an upper bound)",
            s => s.DeadlineCpu is { } cpu ? (1000 * (cpu.System + cpu.Postgres + (ReferenceEquals(s, b) || ReferenceEquals(s, t) ? cpu.Harness : 0)) / s.Deadline.PerSecond).ToString("F2", c) : "");
        Row("freshness: province exact after last ack, p50 / p99 (ms)", s => $"{s.FreshnessP50:F0} / {s.FreshnessP99:F0}",
            groupBy: "0 / 0 (computed on read)", triggered: t is null ? null : "0 / 0 (same transaction)");
        Row("dashboard read, one client alone: p50 / p99 (ms)", s => $"{s.ReadsAlone.P50:F2} / {s.ReadsAlone.P99:F2}", (x, y) => $"{Ratio(x.ReadsAlone.P50, y.ReadsAlone.P50)} (p50)");
        Row($"dashboard read at {o.ReadRate}/s: p50 / p99 (ms)", s => $"{s.ReadsAtRate.P50:F2} / {s.ReadsAtRate.P99:F2}", (x, y) => $"{Ratio(x.ReadsAtRate.P99, y.ReadsAtRate.P99)} (p99)");
        Row($"dashboard read at {o.ReadRate}/s: errors", s => s.ReadsAtRate.Errors.ToString(c));
        Row("dashboard reads flat out (pages/s)", s => s.ReadsMax.PerSecond.ToString("N0", c), (x, y) => Ratio(x.ReadsMax.PerSecond, y.ReadsMax.PerSecond));
        if (TriggerBaseline is { } trigger)
        {
            var locks = trigger.Locks;
            Line($"deadline day: sessions queued on a lock (the province row), mean / most of {o.Clients} clients", "", "", "", $"{locks.MeanWaiting:F1} / {locks.MostWaiting}");
            Line("deadline day: share of running statements waiting on a lock", "", "", "", locks.WaitingShare.ToString("P0", c));
            Line("deadline day: deadlocks", "", "", "", locks.Deadlocks.ToString(c));
            Line("rollup rows differing from GROUP BY over the same assessments, after the run", "", "", "", trigger.RowsDifferingFromGroupBy.ToString("N0", c));
        }

        Line("storage ceiling: raw grain-state writes/s", StorageCeiling.ToString("N0", c));
        Line("submissions as a share of the ceiling", ShareOfCeiling.ToString("P0", c));
        if (p.DeadlineWarm is { } warm)
        {
            Line("deadline day, second round with every grain already active: submissions/s", warm.PerSecond.ToString("N0", c));
            Line("deadline day, second round: latency p50 / p95 / p99 (ms)", $"{warm.P50:F1} / {warm.P95:F1} / {warm.P99:F1}");
            Line("second round as a share of the ceiling", (warm.PerSecond / StorageCeiling).ToString("P0", c));
        }

        if (p.HttpPathAlone is { } path)
        {
            Line("HTTP path alone: the same PUT parsed, scored and answered, no grain, no storage (requests/s)", path.PerSecond.ToString("N0", c));
            Line("submissions as a share of the HTTP path alone", (p.Deadline.PerSecond / path.PerSecond).ToString("P0", c));
        }

        if (p.Authentication is { } auth)
        {
            Line("HTTP path alone with a token validated (requests/s)", auth.EchoSignedInPerSecond.ToString("N0", c));
            Line("warm deadline round, signed in / taken on trust: submissions/s", $"{auth.SignedInPerSecond:N0} / {auth.TrustedPerSecond:N0}");
            Line("authentication's cost to the submission rate (target ≤ 10 %)", auth.SubmissionCost.ToString("P1", c));
            Line($"reads at {o.ReadRate}/s, signed in / taken on trust: p50 (ms)", $"{auth.SignedInReadP50:F2} / {auth.TrustedReadP50:F2}");
            Line($"reads at {o.ReadRate}/s, signed in / taken on trust: p99 (ms)", $"{auth.SignedInReadP99:F2} / {auth.TrustedReadP99:F2}");
            Line($"authentication's cost to the read p50 (target ≤ 10 %)", auth.ReadCost.ToString("P1", c));
        }

        if (p.Memory is { } m)
        {
            Line($"memory: managed heap per activated organisation (bytes, {m.Activated:N0} activated)", m.HeapPerActivation.ToString("N0", c));
            Line("memory: an organisation's own data alone (definition and scored assessment as read from storage, bytes)", m.OwnDataPerOrganisation.ToString("N0", c));
            Line($"memory: platform overhead beyond the {m.Organisations:N0} organisations' own data, per activation (bytes; target ≤ 3,072)", m.OverheadPerActivation.ToString("N0", c));
            Line("memory: working set per 1,000 activated organisations (KiB)", (m.WorkingSetPerThousand / 1024).ToString("N0", c));
        }

        if (ClusterFailure is { } clusterFailure)
        {
            Line($"cluster of {o.ClusterSilos} silos", "", $"failed: {clusterFailure.Replace('|', '/')}");
        }

        if (Cluster is { } cluster)
        {
            Line($"cluster: silos' working set per activated organisation (bytes, {cluster.Activated:N0} activations over {cluster.Silos} silos)", "", cluster.SiloWorkingSetPerActivation.ToString("N0", c));
        }

        if (National is { } national)
        {
            AppendNational(text, national, c);
        }
        else if (NationalFailure is { } failure)
        {
            Line($"national: {o.National:N0} organisations over {o.NationalTenants} tenants", "", $"failed: {failure.Replace('|', '/')}");
        }

        AppendTargets(text, c);
        return text.ToString();
    }

    /// <summary>The national run alone (<c>--national-only</c>): its figures as a table of their own.</summary>
    public static string NationalMarkdown(NationalFigures national)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder().AppendLine("| figure | platform, cluster |").AppendLine("|---|---:|");
        AppendNational(text, national, c, (figure, value) => text.AppendLine(c, $"| {figure} | {value} |"));
        return text.ToString();
    }

    private static void AppendNational(StringBuilder text, NationalFigures n, CultureInfo c) =>
        AppendNational(text, n, c, (figure, value) => text.AppendLine(c, $"| national: {figure} | | {value} | | | | | |"));

    private static void AppendNational(StringBuilder text, NationalFigures n, CultureInfo c, Action<string, string> line)
    {
        void Line(string figure, string value) => line(figure, value);
        Line($"scale: tenants × organisations (of {n.RequestedOrganisations:N0} asked for)", $"{n.Tenants} × {n.OrganisationsPerTenant:N0} = {n.Organisations:N0}");
        Line("import, every tenant's hierarchy (s; organisations/s)", $"{n.ImportSeconds:F0} ({n.Organisations / n.ImportSeconds:N0}/s)");
        Line($"memory: silos' working set per activated organisation (bytes, {n.Activated:N0} activations)", n.WorkingSetPerActivation.ToString("N0", c));
        Line("deadline day: submissions/s", n.Deadline.PerSecond.ToString("N0", c));
        Line("deadline day: latency p50 / p95 / p99 (ms); errors", $"{n.Deadline.P50:F1} / {n.Deadline.P95:F1} / {n.Deadline.P99:F1}; {n.Deadline.Errors}");
        Line("deadline day: cores used by the silos and gateway / PostgreSQL / the harness / the whole machine", n.DeadlineCpu.ToString());
        Line("province read, one client alone: p50 / p99 (ms)", $"{n.ReadsAlone.P50:F2} / {n.ReadsAlone.P99:F2}");
        Line("province reads flat out (pages/s)", n.ReadsMax.PerSecond.ToString("N0", c));
        Line("whole-cluster restart (every silo and the gateway killed) until every province summary is exact (s)", $"{n.RestartToExactSeconds:F1}");
        Line("province summaries equal to a recomputation from the organisations after the restart", $"{n.ExactProvinces} of {n.Tenants}");
    }

    private void AppendTargets(StringBuilder text, CultureInfo c)
    {
        string Verdict(bool met) => met ? "met" : "missed";
        void Target(string figure, string embedded, string cluster) => text.AppendLine(c, $"| target: {figure} | {embedded} | {cluster} | | | | | |");
        if (TriggerBaseline is { Side: var t })
        {
            string Submissions(SideFigures s) =>
                $"{s.Deadline.PerSecond / t.Deadline.PerSecond:0.00}×, p99 {s.Deadline.P99:F0} ms: {Verdict(s.Deadline.PerSecond >= 1.5 * t.Deadline.PerSecond && s.Deadline.P99 < 50)}";
            Target("deadline-day submissions ≥ 1.5× the trigger baseline with p99 < 50 ms", Submissions(Platform), Cluster is { Side: var k } ? Submissions(k) : "");
        }

        string Fresh(SideFigures s) => $"{s.FreshnessP99:F0} ms: {Verdict(s.FreshnessP99 < 500)}";
        Target("province exact after the last acknowledgement, p99 < 500 ms", Fresh(Platform), Cluster is { Side: var fresh } ? Fresh(fresh) : "");
        string Cheaper(SideFigures s) => $"{Baseline.ReadsAlone.P50 / s.ReadsAlone.P50:N0}× (p50 alone): {Verdict(Baseline.ReadsAlone.P50 >= 100 * s.ReadsAlone.P50)}";
        Target("province page ≥ 100× cheaper than GROUP BY", Cheaper(Platform), Cluster is { Side: var read } ? Cheaper(read) : "");
        if (National is { } n)
        {
            Target($"whole-cluster restart of 500,000 organisations to exact < 60 s (measured at {n.Organisations:N0})", "",
                $"{n.RestartToExactSeconds:F1} s: {(n.Organisations >= 500_000 ? Verdict(n.RestartToExactSeconds < 60) : $"{Verdict(n.RestartToExactSeconds < 60)} at this scale, 500,000 not run")}");
        }
    }
}
