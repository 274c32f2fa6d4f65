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
    public async Task A_job_is_queued_then_reports_its_progress_and_finishes_with_its_warnings_and_headers()
    {
        var (tenant, id) = NewImport();
        var report = fixture.Grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, id));
        await report.Queue(DateTimeOffset.UnixEpoch);
        Assert.Equal(ImportStatus.Queued, (await report.Get())!.Status);

        var headers = new[] { new ImportSheetHeader(null, ["类型", "代码", "名称", "上级代码", "备注"]) };
        await report.KeepRejections(Rejections(3, 2));
        await report.Progress(new ImportProgress(40, 100, new ImportCounts(100, 30, 5, 3, 2), ["column '备注' was ignored"], headers));
        var running = (await report.Get())!;
        Assert.Equal((ImportStatus.Running, 40, 100, 30, 2, 1), (running.Status, running.RowsDone, running.RowsTotal, running.Counts.Created, running.RejectionsKept, running.Chunks));

        var finished = await report.Finish(DateTimeOffset.UnixEpoch, 2, new ImportCounts(100, 90, 5, 3, 2));
        Assert.Equal((ImportStatus.Finished, 100, 100), (finished.Status, finished.RowsDone, finished.RowsTotal));
        Assert.Equal(["column '备注' was ignored"], finished.Warnings);
        Assert.Equal(headers[0].Columns, Assert.Single(finished.Headers!).Columns);
    }

    [Fact]
    public async Task A_failed_job_keeps_its_problem_and_forgets_its_rejections()
    {
        var (tenant, id) = NewImport();
        var report = fixture.Grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, id));
        await report.Queue(DateTimeOffset.UnixEpoch);
        await report.KeepRejections(Rejections(2, 10));

        var failed = await report.Fail("The file defines more than 200,000 nodes", 1);

        Assert.Equal((ImportStatus.Failed, 0, 0, 0), (failed.Status, failed.Chunks, failed.RejectionsKept, failed.Counts.Rejected));
        Assert.Equal(failed, await report.Get());
        Assert.Empty(await Chunk(tenant, id, 0).Read());
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
