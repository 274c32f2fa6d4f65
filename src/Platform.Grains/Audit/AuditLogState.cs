using Platform.Domain.Audit;

namespace Platform.Grains.Audit;

/// <summary>The stored head of a tenant's audit log: bounded by <c>AuditLogLayout</c> however long the log grows.</summary>
[GenerateSerializer, Alias("AuditLogState")]
public sealed record AuditLogState
{
    [Id(0)] public IReadOnlyList<AuditEntry> Open { get; init; } = [];

    [Id(1)] public int Pages { get; init; }

    [Id(2)] public IReadOnlyList<AuditPageSummary> Index { get; init; } = [];

    [Id(3)] public int IndexChunks { get; init; }

    /// <summary>The sequence number of the next line.</summary>
    [Id(4)] public long Next { get; init; }

    /// <summary>The time of the newest line, so the next is never stamped earlier, even after a restart on a clock behind.</summary>
    [Id(5)] public DateTimeOffset Latest { get; init; }
}
