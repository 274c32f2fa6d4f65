namespace Platform.Domain.Audit;

/// <summary>
/// A read of an audit log: newest first, filtered by actor, target, subtree and time, one page at a time.
/// </summary>
/// <param name="Actor">An account id or a username (either matches), exactly.</param>
/// <param name="Target">A target path or a prefix of one at a <c>/</c> (<c>campaigns/c1</c> matches every line of
/// campaign c1), or a node code (every line that touched that node).</param>
/// <param name="Within">A node code: only lines whose ancestry holds it (a region admin's subtree).</param>
/// <param name="From">Inclusive.</param>
/// <param name="To">Exclusive.</param>
/// <param name="Page">From 1.</param>
public sealed record AuditQuery(
    string? Actor = null,
    string? Target = null,
    string? Within = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;

    /// <summary>How many lines a page skips before its first.</summary>
    public int Skip => (Page - 1) * PageSize;

    public bool Matches(AuditEntry entry) =>
        InTime(entry.At)
        && (Actor is null || entry.Actor == Actor || entry.ActorName == Actor)
        && (Target is null || entry.Node == Target || entry.Target == Target || entry.Target.StartsWith(Target + "/", StringComparison.Ordinal))
        && (Within is null || entry.Ancestry.Contains(Within));

    public bool InTime(DateTimeOffset at) => (From is null || at >= From) && (To is null || at < To);

    /// <summary>Whether a page whose lines lie between <paramref name="page"/>'s times can hold a line of this query.</summary>
    public bool MayHold(AuditPageSummary page) => (From is null || page.Last >= From) && (To is null || page.First < To);

    /// <summary>Whether <paramref name="page"/> and every page before it end before <see cref="From"/>, so a scan from the
    /// newest page back can stop there (the log stamps its lines in order).</summary>
    public bool IsBefore(AuditPageSummary page) => From is not null && page.Last < From;
}
