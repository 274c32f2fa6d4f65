using Platform.Domain.Audit;

namespace Platform.Contracts.Audit;

/// <summary>What a reader needs to walk a tenant's audit log from the newest line back.</summary>
/// <param name="Open">The lines not yet in a sealed page, oldest first.</param>
/// <param name="Pages">How many pages are sealed (numbered from 0).</param>
/// <param name="Index">Summaries of the sealed pages not yet in a sealed index chunk, oldest first.</param>
/// <param name="IndexChunks">How many index chunks are sealed (numbered from 0), each summarising
/// <see cref="AuditLogLayout.IndexChunkSize"/> pages.</param>
[GenerateSerializer, Immutable, Alias("AuditHead")]
public sealed record AuditHead(
    [property: Id(0)] IReadOnlyList<AuditEntry> Open,
    [property: Id(1)] int Pages,
    [property: Id(2)] IReadOnlyList<AuditPageSummary> Index,
    [property: Id(3)] int IndexChunks);
