using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Domain.Audit;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Audit;

[Collection(ClusterCollection.Name)]
public sealed class AuditLogGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private static AuditEntry Line(string actor, string target, string? node = null, IReadOnlyList<string>? ancestry = null) =>
        new(0, default, actor, actor, null, "Test", target, node, ancestry ?? [], 200, null, null);

    private IAuditLogGrain Log(string tenant) => _grains.GetGrain<IAuditLogGrain>(GrainKeys.AuditLog(tenant));

    [Fact]
    public async Task Concurrent_appends_each_get_a_sequence_number_in_time_order_and_full_pages_are_sealed_apart()
    {
        var tenant = "audit" + Guid.NewGuid().ToString("N")[..8];
        var log = Log(tenant);

        // 25 callers at once, 10 lines each: 250 lines, full pages and the rest open.
        await Task.WhenAll(Enumerable.Range(0, 25).Select(caller =>
            log.Append(Enumerable.Range(0, 10).Select(i => Line($"caller{caller}", $"orgs/{caller}-{i}")).ToArray())));

        var head = await log.Head();
        Assert.Equal(250 / AuditLogLayout.PageSize, head.Pages);
        Assert.Equal(250 % AuditLogLayout.PageSize, head.Open.Count);
        Assert.Equal(head.Pages, head.Index.Count);

        var pages = await Task.WhenAll(Enumerable.Range(0, head.Pages).Select(p => _grains.GetGrain<IAuditPageGrain>(GrainKeys.AuditPage(tenant, p)).Get()));
        var all = pages.SelectMany(p => p).Concat(head.Open).ToList();
        Assert.Equal(Enumerable.Range(0, 250).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(250, all.Select(e => e.Target).Distinct().Count());
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.At < pair.Second.At), "lines are stamped in the order they are appended");
        Assert.Equal(pages[0][0].At, head.Index[0].First);
        Assert.Equal(pages[0][^1].At, head.Index[0].Last);
    }

    [Fact]
    public async Task A_sealed_page_leaves_memory_once_stored_and_reads_back_from_storage()
    {
        var tenant = "audit" + Guid.NewGuid().ToString("N")[..8];
        await Log(tenant).Append(Enumerable.Range(0, AuditLogLayout.PageSize + 1).Select(i => Line("a", $"t/{i}")).ToArray());

        // Written once and read seldom: one activation per 32 lines would otherwise stay until collection.
        var page = _grains.GetGrain<IAuditPageGrain>(GrainKeys.AuditPage(tenant, 0));
        Assert.True(await Activations.GoneWithinAsync(_grains, page, TimeSpan.FromSeconds(5)), "the sealed page is still active");
        Assert.Equal(Enumerable.Range(0, AuditLogLayout.PageSize).Select(i => $"t/{i}"), (await page.Get()).Select(e => e.Target));
    }

    [Fact]
    public async Task Every_line_is_still_there_after_the_log_and_its_pages_are_deactivated_and_read_back_from_storage()
    {
        var tenant = "audit" + Guid.NewGuid().ToString("N")[..8];
        await Log(tenant).Append(Enumerable.Range(0, 130).Select(i => Line("a", $"t/{i}")).ToArray());

        var management = _grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        var head = await Log(tenant).Head();
        Assert.Equal(130 / AuditLogLayout.PageSize, head.Pages);
        Assert.Equal(130 % AuditLogLayout.PageSize, head.Open.Count);
        var page = await _grains.GetGrain<IAuditPageGrain>(GrainKeys.AuditPage(tenant, 1)).Get();
        Assert.Equal(Enumerable.Range(AuditLogLayout.PageSize, AuditLogLayout.PageSize).Select(i => $"t/{i}"), page.Select(e => e.Target));

        await Log(tenant).Append([Line("a", "t/130")]);
        Assert.Equal(130, (await Log(tenant).Head()).Open[^1].Sequence);
    }

    [Fact]
    public async Task A_reader_walks_back_through_sealed_index_chunks_newest_first_with_filters_and_pages()
    {
        var tenant = "audit" + Guid.NewGuid().ToString("N")[..8];
        var log = Log(tenant);
        var total = AuditLogLayout.PageSize * (AuditLogLayout.IndexChunkSize + 3) + 17;
        for (var start = 0; start < total; start += 1_000)
        {
            var count = Math.Min(1_000, total - start);
            await log.Append(Enumerable.Range(start, count)
                .Select(i => Line(i % 7 == 0 ? "seven" : "other", $"orgs/{i}", $"n{i}", i % 2 == 0 ? ["430000", "430100"] : ["430000", "430200"]))
                .ToArray());
        }

        var head = await log.Head();
        Assert.Equal(1, head.IndexChunks);
        Assert.Equal(3, head.Index.Count);

        var reader = new AuditLogReader(_grains);
        var newest = await reader.ReadAsync(tenant, new AuditQuery(PageSize: 3));
        Assert.Equal([total - 1, total - 2, total - 3], newest.Entries.Select(e => e.Sequence));
        Assert.True(newest.HasMore);

        // The oldest lines sit in the sealed index chunk: the last page of the whole log reaches them.
        var last = await reader.ReadAsync(tenant, new AuditQuery(PageSize: 500, Page: (total + 499) / 500));
        Assert.Equal(total % 500, last.Entries.Count);
        Assert.Equal(0, last.Entries[^1].Sequence);
        Assert.False(last.HasMore);

        var sevens = await reader.ReadAsync(tenant, new AuditQuery(Actor: "seven", PageSize: 500, Page: 6));
        var expected = Enumerable.Range(0, total).Where(i => i % 7 == 0).Reverse().Skip(2_500).Take(500).Select(i => (long)i);
        Assert.Equal(expected, sevens.Entries.Select(e => e.Sequence));

        var city = await reader.ReadAsync(tenant, new AuditQuery(Within: "430200", Target: "n1", PageSize: 10));
        Assert.Equal([1L], city.Entries.Select(e => e.Sequence));
        Assert.Null(city.ScannedUntil);

        // A read that may open only 50 pages says where it stopped; asking again from there finds the rest.
        var limited = await reader.ReadAsync(tenant, new AuditQuery(Target: "n1", PageSize: 10), maxPagesScanned: 50);
        Assert.Empty(limited.Entries);
        Assert.NotNull(limited.ScannedUntil);
        var resumed = await reader.ReadAsync(tenant, new AuditQuery(Target: "n1", To: limited.ScannedUntil, PageSize: 10));
        Assert.Equal([1L], resumed.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_time_range_opens_only_the_pages_that_can_hold_it()
    {
        var tenant = "audit" + Guid.NewGuid().ToString("N")[..8];
        var log = Log(tenant);
        await log.Append(Enumerable.Range(0, 300).Select(i => Line("early", $"e/{i}")).ToArray());
        await Task.Delay(50);
        var boundary = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await log.Append(Enumerable.Range(0, 150).Select(i => Line("late", $"l/{i}")).ToArray());

        var reader = new AuditLogReader(_grains);
        var late = await reader.ReadAsync(tenant, new AuditQuery(From: boundary, PageSize: 500));
        Assert.Equal(150, late.Entries.Count);
        Assert.All(late.Entries, e => Assert.Equal("late", e.Actor));

        var early = await reader.ReadAsync(tenant, new AuditQuery(To: boundary, PageSize: 500));
        Assert.Equal(300, early.Entries.Count);
        Assert.All(early.Entries, e => Assert.Equal("early", e.Actor));
    }
}
