namespace Platform.Cluster.Tests.Load;

/// <summary>
/// How long the clients were not served after a fault, from the attempts alone: when the last failed attempt was
/// answered, and, for each branch that failed after the fault (a branch whose grain was on the lost silo, or whose
/// request was in flight through it), when it was first served again.
/// </summary>
internal sealed record Failover(int AffectedBranches, int FailedAttempts, TimeSpan? ErrorsStoppedAfter, TimeSpan? AllServedAgainAfter, int NeverServedAgain)
{
    public static Failover After(TimeSpan fault, IEnumerable<Attempt> attempts)
    {
        var after = attempts.Where(a => a.AnsweredAt >= fault).ToList();
        var failed = after.Where(a => a.Failed).ToList();
        if (failed.Count == 0)
        {
            return new Failover(0, 0, null, null, 0);
        }

        var recoveries = failed.GroupBy(a => a.Code).Select(branch =>
        {
            var lastFailure = branch.Max(a => a.AnsweredAt);
            var served = after.Where(a => a.Code == branch.Key && a.Result == AttemptResult.Acknowledged && a.SentAt >= lastFailure).Select(a => a.AnsweredAt).ToList();
            return served.Count == 0 ? (TimeSpan?)null : served.Min() - fault;
        }).ToList();
        var recovered = recoveries.OfType<TimeSpan>().ToList();
        return new Failover(
            recoveries.Count,
            failed.Count,
            failed.Max(a => a.AnsweredAt) - fault,
            recovered.Count == 0 ? null : recovered.Max(),
            recoveries.Count - recovered.Count);
    }

    public override string ToString() => FailedAttempts == 0
        ? "no attempt failed after the fault"
        : $"{FailedAttempts} failed attempts on {AffectedBranches} branches; errors stopped {Seconds(ErrorsStoppedAfter)} after the fault; "
          + $"every affected branch served again {Seconds(AllServedAgainAfter)} after it ({NeverServedAgain} never were)";

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:F1} s" : "never";
}
