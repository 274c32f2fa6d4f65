using Orleans.Concurrency;
using Platform.Domain.Audit;

namespace Platform.Contracts.Audit;

/// <summary>
/// A tenant's audit log (审计日志), keyed by <see cref="GrainKeys.AuditLog"/>: the newest lines in an open page, and the
/// index of the sealed pages (<see cref="IAuditPageGrain"/>, <see cref="IAuditIndexGrain"/>). Append-only: nothing
/// edits or removes a line.
/// </summary>
[Alias("IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends the lines (their sequence and time are the log's to assign) and completes once they are stored.
    /// Concurrent appends share one storage write (group commit), so the log costs a write per batch, not per line.
    /// </summary>
    [Alias("Append"), AlwaysInterleave]
    Task Append(IReadOnlyList<AuditEntry> entries);

    /// <summary>The open page and the newest part of the index, for a reader to walk back from.</summary>
    [Alias("Head"), ReadOnly, AlwaysInterleave]
    Task<AuditHead> Head();
}
