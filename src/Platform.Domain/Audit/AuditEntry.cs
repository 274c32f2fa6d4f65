namespace Platform.Domain.Audit;

/// <summary>
/// One line of a tenant's audit log (审计日志): who did what to which resource, when, with what outcome, and what it was
/// before and after. Appended once and never changed.
/// </summary>
/// <param name="Sequence">Its place in the tenant's log, from 0; assigned by the log when it is appended.</param>
/// <param name="At">When the log appended it, a few milliseconds after the write was decided; assigned by the log, and
/// always later than the line before, so the log is in time order and a read for a time range opens only its pages.</param>
/// <param name="Actor">The account id of the caller, <c>system:…</c> for the platform's own work, or (until accounts
/// exist) the unverified name the request gave.</param>
/// <param name="ActorName">How the actor is shown: the username, or the name the request gave.</param>
/// <param name="Role">The caller's role (<c>tenantAdmin</c>, …); null when nobody signed in.</param>
/// <param name="Operation">The OpenAPI operation id of the route (e.g. <c>NodeMove</c>), or the platform's own operation.</param>
/// <param name="Target">The resource, as a path relative to the tenant without the action (e.g. <c>nodes/430100</c>,
/// <c>campaigns/c1/branches/9430102001-01</c>, <c>framework/versions/3</c>, <c>tenant</c>).</param>
/// <param name="Node">The node or branch code the write touched, if any.</param>
/// <param name="Ancestry">Codes from the province down to <paramref name="Node"/> itself (and, for a move, the old
/// place's codes too): a region admin reads the lines whose ancestry holds its region. Empty for tenant-wide writes.</param>
/// <param name="Status">The HTTP status the write was answered with (a refusal keeps its 4xx).</param>
/// <param name="Before">What the target held before, in brief, where the write replaces something.</param>
/// <param name="After">What it holds after, in brief, or why it was refused.</param>
[GenerateSerializer, Immutable, Alias("AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string ActorName,
    [property: Id(4)] string? Role,
    [property: Id(5)] string Operation,
    [property: Id(6)] string Target,
    [property: Id(7)] string? Node,
    [property: Id(8)] IReadOnlyList<string> Ancestry,
    [property: Id(9)] int Status,
    [property: Id(10)] string? Before,
    [property: Id(11)] string? After)
{
    /// <summary>The longest <see cref="Before"/> or <see cref="After"/> kept; a longer summary is cut with an ellipsis.</summary>
    public const int MaxSummaryLength = 500;

    /// <summary>Cuts a summary to <see cref="MaxSummaryLength"/>, so no answer can make a line unbounded.</summary>
    public static string? Brief(string? summary) =>
        summary is { Length: > MaxSummaryLength } ? string.Concat(summary.AsSpan(0, MaxSummaryLength - 1), "…") : summary;
}
