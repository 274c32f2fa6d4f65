using Platform.Contracts.Imports;
using Platform.Domain.Hierarchy;
using Platform.Domain.Imports;
using Platform.Gateway.Imports;

namespace Platform.Gateway.Tests.Imports;

public sealed class RejectionLogTests
{
    [Fact]
    public async Task Every_rejection_is_counted_the_first_are_shown_and_only_the_first_hundred_thousand_are_stored()
    {
        var report = new RecordingReport();
        var log = new RejectionLog(report);
        const int total = ImportLimits.MaxStoredRejections + 2_345;
        for (var line = 2; line < total + 2; line++)
        {
            await log.AddAsync(Rejection(line, "x"));
        }

        await log.FlushAsync();

        Assert.Equal(total, log.Count);
        Assert.Equal(Enumerable.Range(2, ImportLimits.RejectionsInAnswer), log.First.Select(r => r.Line));
        Assert.Equal(ImportLimits.MaxStoredRejections / ImportLimits.RejectionsPerChunk, report.Chunks.Count);
        Assert.All(report.Chunks, c => Assert.Equal(ImportLimits.RejectionsPerChunk, c.Count));
        Assert.Equal(Enumerable.Range(2, ImportLimits.MaxStoredRejections), report.Chunks.SelectMany(c => c).Select(r => r.Line));
    }

    [Fact]
    public async Task Long_reasons_spend_the_text_budget_and_nothing_after_the_first_that_does_not_fit_is_stored()
    {
        var report = new RecordingReport();
        var log = new RejectionLog(report);
        var longReason = new string('长', ImportLimits.MaxReasonLength);
        for (var line = 2; line < 30_002; line++)
        {
            await log.AddAsync(line < 25_000 ? Rejection(line, longReason, longReason, longReason, longReason, longReason) : Rejection(line, "x"));
        }

        await log.FlushAsync();

        var stored = report.Chunks.SelectMany(c => c).ToList();
        Assert.InRange(stored.Sum(r => (long)r.TextLength), ImportLimits.MaxStoredRejectionChars - 2_000, ImportLimits.MaxStoredRejectionChars);
        Assert.Equal(Enumerable.Range(2, stored.Count), stored.Select(r => r.Line));
        Assert.All(report.Chunks, c => Assert.InRange(c.Sum(r => r.TextLength), 1, ImportLimits.MaxChunkChars + 2_000));
        Assert.Equal(30_000, log.Count);
    }

    [Fact]
    public async Task Nothing_is_stored_until_a_chunk_fills_or_the_log_is_flushed()
    {
        var report = new RecordingReport();
        var log = new RejectionLog(report);
        await log.AddAsync(Rejection(2, "x"));
        Assert.False(log.StoredAny);
        Assert.Empty(report.Chunks);

        await log.FlushAsync();
        Assert.True(log.StoredAny);
        Assert.Equal(2, Assert.Single(Assert.Single(report.Chunks)).Line);
    }

    private static ImportRejection Rejection(int line, params string[] reasons) =>
        ImportRejection.Of(line, null, [.. reasons.Select(r => new FieldError("kind", r))]);

    /// <summary>The report grain's storage side, in memory: what the log hands over is all this test is about.</summary>
    private sealed class RecordingReport : IImportReportGrain
    {
        public List<IReadOnlyList<ImportRejection>> Chunks { get; } = [];

        public Task KeepRejections(IReadOnlyList<ImportRejection> rejections)
        {
            Assert.InRange(rejections.Count, 1, ImportLimits.RejectionsPerChunk);
            lock (Chunks)
            {
                Chunks.Add(rejections);
            }

            return Task.CompletedTask;
        }

        public Task<ImportReport> Finish(DateTimeOffset startedAt, double seconds, ImportCounts counts) => throw new NotSupportedException();

        public Task Queue(DateTimeOffset acceptedAt) => throw new NotSupportedException();

        public Task Progress(ImportProgress progress) => throw new NotSupportedException();

        public Task<ImportReport> Fail(string problem, double seconds) => throw new NotSupportedException();

        public Task Discard() => throw new NotSupportedException();

        public Task<ImportReport?> Get() => throw new NotSupportedException();
    }
}
