using Platform.Domain.Audit;

namespace Platform.Gateway.Api;

/// <summary>One line of the tenant's audit log (审计日志); see <see cref="AuditEntry"/> for each field.</summary>
public sealed record AuditLogEntryDto(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string ActorName,
    string? Role,
    string Operation,
    string Target,
    string? Node,
    IReadOnlyList<string> Ancestry,
    int Status,
    string? Before,
    string? After)
{
    public static AuditLogEntryDto From(AuditEntry e) =>
        new(e.Sequence, e.At, e.Actor, e.ActorName, e.Role, e.Operation, e.Target, e.Node, e.Ancestry, e.Status, e.Before, e.After);
}

/// <summary>A page of the audit log, newest first.</summary>
/// <param name="HasMore">A next page has lines.</param>
/// <param name="ScannedUntil">Set when the read stopped searching before filling the page (a sparse filter over a long
/// log): lines before this time were not searched; ask again with <c>to</c> set to it.</param>
public sealed record AuditLogPageDto(int Page, int PageSize, bool HasMore, DateTimeOffset? ScannedUntil, IReadOnlyList<AuditLogEntryDto> Entries);
