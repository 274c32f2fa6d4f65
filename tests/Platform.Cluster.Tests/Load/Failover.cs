namespace Platform.Cluster.Tests.Load;

/// <summary>
/// How long the clients were not served after a fault, from the attempts alone: when the last failed attempt was
/// answered; when every writer had a submission sent after the fault acknowledged (a writer whose request hangs on the
/// lost silo, or fails and retries, is served again only then); and the slowest answer of an attempt that overlapped it.
/// </summary>
internal sealed record Failover(
    int FailedAttempts, int AffectedBranches, TimeSpan? ErrorsStoppedAfter, TimeSpan? EveryWriterServedAfter, int WritersNeverServed, TimeSpan SlowestAnswer)
{
    public static Failover After(TimeSpan fault, IReadOnlyCollection<Attempt> attempts, int writers)
    {
        var after = attempts.Where(a => a.AnsweredAt >= fault).ToList();
        var failed = after.Where(a => a.Failed).ToList();
        var served = Enumerable.Range(0, writers)
            .Select(w => after.Where(a => a.Writer == w && a.SentAt >= fault && a.Result == AttemptResult.Acknowledged).Select(a => (TimeSpan?)(a.AnsweredAt - fault)).Min())
            .ToList();
        return new Failover(
            failed.Count,
            failed.Select(a => a.Code).Distinct().Count(),
            failed.Count == 0 ? null : failed.Max(a => a.AnsweredAt) - fault,
            served.Any(s => s is null) ? null : served.Max(),
            served.Count(s => s is null),
            after.Count == 0 ? TimeSpan.Zero : after.Max(a => a.AnsweredAt - a.SentAt));
    }

    public override string ToString() =>
        $"{FailedAttempts} failed attempts on {AffectedBranches} branches; errors stopped {Seconds(ErrorsStoppedAfter)} after the fault; "
        + $"every writer served again {Seconds(EveryWriterServedAfter)} after it ({WritersNeverServed} never were); slowest answer {SlowestAnswer.TotalSeconds:F1} s";

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:F1} s" : "never";
}
