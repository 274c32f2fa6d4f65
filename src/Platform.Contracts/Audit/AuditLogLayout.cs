namespace Platform.Contracts.Audit;

/// <summary>
/// How a tenant's audit log is cut into records: an append rewrites only the open page (at most <see cref="PageSize"/>
/// lines) and the open part of the index (at most <see cref="IndexChunkSize"/> summaries), however long the log grows.
/// </summary>
public static class AuditLogLayout
{
    /// <summary>Lines per sealed page: about 12 KB of JSON at most. Small, because every append rewrites the open page
    /// until it is sealed: on deadline day a page of 100 lines (and an index part of 200 summaries) halved the
    /// submission rate on this machine, by the bytes each append serialised and wrote.</summary>
    public const int PageSize = 32;

    /// <summary>Page summaries per sealed index chunk (about 6 KB at most, rewritten with the open page).</summary>
    public const int IndexChunkSize = 64;
}
