namespace Platform.Domain.Audit;

/// <summary>One sealed page of an audit log in the log's index: its number and the times of its oldest and newest lines,
/// so a read for a time range opens only the pages that can hold it.</summary>
[GenerateSerializer, Immutable, Alias("AuditPageSummary")]
public sealed record AuditPageSummary(
    [property: Id(0)] int Page,
    [property: Id(1)] DateTimeOffset First,
    [property: Id(2)] DateTimeOffset Last)
{
    public static AuditPageSummary Of(int page, IReadOnlyList<AuditEntry> entries) =>
        new(page, entries.Min(e => e.At), entries.Max(e => e.At));
}
