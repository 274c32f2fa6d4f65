using Platform.Contracts;
using Platform.Contracts.Imports;
using Platform.Domain.Hierarchy;
using Platform.Domain.Imports;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Imports;

[Collection(ClusterCollection.Name)]
public sealed class ImportReportGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Kept_rejections_are_read_back_chunk_by_chunk_with_the_finished_counts()
    {
        var (tenant, id) = NewImport();
        var report = fixture.Grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, id));
        await report.KeepRejections(Rejections(2, 1_000));
        await report.KeepRejections(Rejections(1_002, 7));
        Assert.Null(await report.Get());

        var counts = new ImportCounts(1_010, 3, 0, 0, 1_007);
        var finished = await report.Finish(DateTimeOffset.UnixEpoch, 1.5, counts);

        Assert.Equal(finished, await report.Get());
        Assert.Equal((id, ImportStatus.Finished, counts, 1_007, 2), (finished.Id, finished.Status, finished.Counts, finished.RejectionsKept, finished.Chunks));
        var second = await Chunk(tenant, id, 1).Read();
        Assert.Equal(Enumerable.Range(1_002, 7), second.Select(r => r.Line));
        Assert.Equal("kind", second[0].Errors[0].Field);
    }

    [Fact]
    public async Task A_discarded_import_leaves_no_report_and_no_rejections()
    {
        var (tenant, id) = NewImport();
        var report = fixture.Grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, id));
        await report.KeepRejections(Rejections(2, 10));
        await report.KeepRejections(Rejections(12, 10));

        await report.Discard();

        Assert.Null(await report.Get());
        Assert.Empty(await Chunk(tenant, id, 0).Read());
        Assert.Empty(await Chunk(tenant, id, 1).Read());
    }

    [Fact]
    public async Task A_chunk_larger_than_the_limit_is_refused()
    {
        var (tenant, id) = NewImport();
        var report = fixture.Grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, id));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => report.KeepRejections(Rejections(2, ImportLimits.RejectionsPerChunk + 1)));
    }

    private IImportRejectionsGrain Chunk(string tenant, string id, int chunk) =>
        fixture.Grains.GetGrain<IImportRejectionsGrain>(GrainKeys.ImportRejections(tenant, id, chunk));

    private static (string Tenant, string Id) NewImport() => ("t" + Guid.NewGuid().ToString("N")[..8], Guid.CreateVersion7().ToString("N"));

    private static List<ImportRejection> Rejections(int firstLine, int count) =>
        [.. Enumerable.Range(firstLine, count).Select(line => ImportRejection.Of(line, null, [new FieldError("kind", "'x' is not a kind")]))];
}
