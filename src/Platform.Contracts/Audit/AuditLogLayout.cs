namespace Platform.Contracts.Audit;

/// <summary>
/// How a tenant's audit log is cut into records: an append rewrites only the open page (at most <see cref="PageSize"/>
/// lines) and the open part of the index (at most <see cref="IndexChunkSize"/> summaries), however long the log grows.
/// </summary>
public static class AuditLogLayout
{
    /// <summary>Lines per sealed page: about 40 KB of JSON at most, rewritten by each append until it is sealed.</summary>
    public const int PageSize = 100;

    /// <summary>Page summaries per sealed index chunk.</summary>
    public const int IndexChunkSize = 200;
}
