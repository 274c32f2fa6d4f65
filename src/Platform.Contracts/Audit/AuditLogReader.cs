using Platform.Domain.Audit;

namespace Platform.Contracts.Audit;

/// <summary>
/// Reads a tenant's audit log newest first: the open page, then the sealed pages back in time, skipping the pages the
/// index shows outside the time range and stopping once the range is passed. A read opens at most
/// <see cref="MaxPagesScanned"/> sealed pages; a sparse filter over a long log then answers with what it found and
/// where it stopped, to be asked again with <c>to</c> set there.
/// </summary>
public sealed class AuditLogReader(IGrainFactory grains)
{
    /// <summary>32,000 lines: a filter matching nothing still answers in about a second.</summary>
    public const int MaxPagesScanned = 1_000;

    private const int PagesInParallel = 8;

    /// <param name="maxPagesScanned">How many sealed pages one read may open (<see cref="MaxPagesScanned"/>).</param>
    public async Task<AuditLogPage> ReadAsync(string tenant, AuditQuery query, int maxPagesScanned = MaxPagesScanned)
    {
        var head = await grains.GetGrain<IAuditLogGrain>(GrainKeys.AuditLog(tenant)).Head();
        var matches = new List<AuditEntry>(query.PageSize + 1);
        var skip = query.Skip;
        var wanted = query.PageSize + 1;

        bool Take(IReadOnlyList<AuditEntry> newestLast)
        {
            for (var i = newestLast.Count - 1; i >= 0 && matches.Count < wanted; i--)
            {
                if (!query.Matches(newestLast[i]))
                {
                    continue;
                }

                if (skip > 0)
                {
                    skip--;
                }
                else
                {
                    matches.Add(newestLast[i]);
                }
            }

            return matches.Count >= wanted;
        }

        if (Take(head.Open))
        {
            return new AuditLogPage(matches.Take(query.PageSize).ToArray(), true, null);
        }

        var scanned = 0;
        DateTimeOffset? oldestScanned = head.Open.Count > 0 ? head.Open[0].At : null;
        await foreach (var batch in PagesNewestFirst(tenant, head, query))
        {
            if (scanned >= maxPagesScanned)
            {
                return new AuditLogPage(matches.ToArray(), false, oldestScanned);
            }

            oldestScanned = batch[^1].First;
            var pages = await Task.WhenAll(batch.Select(p => grains.GetGrain<IAuditPageGrain>(GrainKeys.AuditPage(tenant, p.Page)).Get()));
            scanned += pages.Length;
            foreach (var page in pages)
            {
                if (Take(page))
                {
                    return new AuditLogPage(matches.Take(query.PageSize).ToArray(), true, null);
                }
            }
        }

        return new AuditLogPage(matches.ToArray(), false, null);
    }

    /// <summary>The sealed pages that may hold a line of the query, newest first, a few at a time.</summary>
    private async IAsyncEnumerable<IReadOnlyList<AuditPageSummary>> PagesNewestFirst(string tenant, AuditHead head, AuditQuery query)
    {
        var batch = new List<AuditPageSummary>(PagesInParallel);
        for (var chunk = head.IndexChunks; chunk >= 0; chunk--)
        {
            var summaries = chunk == head.IndexChunks
                ? head.Index
                : await grains.GetGrain<IAuditIndexGrain>(GrainKeys.AuditIndex(tenant, chunk)).Get();
            for (var i = summaries.Count - 1; i >= 0; i--)
            {
                if (query.IsBefore(summaries[i]))
                {
                    if (batch.Count > 0)
                    {
                        yield return batch;
                    }

                    yield break;
                }

                if (!query.MayHold(summaries[i]))
                {
                    continue;
                }

                batch.Add(summaries[i]);
                if (batch.Count == PagesInParallel)
                {
                    yield return batch;
                    batch = new List<AuditPageSummary>(PagesInParallel);
                }
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}

/// <summary>A page of audit lines, newest first.</summary>
/// <param name="HasMore">More lines match after this page.</param>
/// <param name="ScannedUntil">Set when the read stopped at <see cref="AuditLogReader.MaxPagesScanned"/> pages before
/// filling the page: lines before this time were not searched; ask again with <c>to</c> set to it.</param>
public sealed record AuditLogPage(IReadOnlyList<AuditEntry> Entries, bool HasMore, DateTimeOffset? ScannedUntil);
