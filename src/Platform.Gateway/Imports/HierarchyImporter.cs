using System.Diagnostics;
using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Imports;
using Platform.Domain.Hierarchy;
using Platform.Domain.Imports;
using Platform.Gateway.Api;
using Platform.Grains.Telemetry;

namespace Platform.Gateway.Imports;

/// <summary>
/// Imports regions, schools and organisations from a CSV or XLSX file. The file is read whole before anything is
/// applied; then rows are applied kind by kind, from the province down, so a parent defined in the same file always
/// exists before its children; within a kind, rows run concurrently. Re-importing the same file changes nothing:
/// every row counts as <c>unchanged</c>. Every data row ends as exactly one of created, updated, unchanged or
/// rejected; progress goes to the import's report as it runs, so any gateway can answer for it.
/// </summary>
/// <remarks>
/// Memory is bounded whatever the file holds: a rejected row is counted and handed on to the import's report
/// (<see cref="RejectionLog"/>), never held, and the rows held until they are applied are the nodes the file defines,
/// at most <see cref="ImportLimits.MaxNodesPerFile"/>, each with its line and its place among its parent's children.
/// </remarks>
internal sealed partial class HierarchyImporter(IGrainFactory grains, TimeProvider time, ILogger<HierarchyImporter> logger, PlatformMetrics metrics)
{
    // SQLite takes one writer at a time: with 32 rows in flight the writers spent their time in the busy handler's
    // sleeps and a 50,000-row import took twice as long as with 8 (docs/benchmarks-import.md).
    private const int Parallelism = 8;
    private const int ProgressEvery = 5_000;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>Imports CSV text in the caller's own time (the demo seed, the campaign benchmark): the report, or why
    /// the file as a whole cannot be imported (then nothing was).</summary>
    public async Task<(ImportReportDto? Report, string? Problem)> ImportAsync(string tenant, TextReader csv, CancellationToken cancellationToken)
    {
        using var source = new CsvRecordSource(csv);
        var (report, first, problem) = await RunAsync(tenant, ImportIds.New(), source, time.GetUtcNow(), cancellationToken);
        return problem is null ? (ImportReportDto.From(tenant, report, first), null) : (null, problem);
    }

    /// <summary>Why the file's first header cannot be read, or null: what the request can still refuse at once.</summary>
    public static async Task<string?> CheckHeaderAsync(ImportUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            using var source = upload.Open();
            await ReadHeaderAsync(source, cancellationToken);
            return null;
        }
        catch (ImportFileException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>
    /// Imports <paramref name="source"/> as import <paramref name="importId"/>: the stored report and the first
    /// rejections, or why the file as a whole cannot be imported (the report then says failed, and keeps no rows).
    /// </summary>
    public async Task<(ImportReport Report, IReadOnlyList<ImportRejection> First, string? Problem)> RunAsync(
        string tenant, string importId, IRecordSource source, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var report = grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, importId));
        var rejections = new RejectionLog(report);
        var progress = new ImportProgressTracker(report, rejections, time);

        try
        {
            var file = await ReadAsync(source, rejections, progress, cancellationToken);
            LogStarted(logger, tenant, importId, file.Rows, file.Nodes.Count);
            await progress.ReadAllAsync(file.Rows);
            await ApplyAsync(tenant, file, rejections, progress, stopwatch, cancellationToken);
            await rejections.FlushAsync();

            var applied = progress.Applied;
            var counts = new ImportCounts(file.Rows, applied.Created, applied.Updated, applied.Unchanged, rejections.Count);
            if (counts.Created + counts.Updated + counts.Unchanged + counts.Rejected != counts.Rows)
            {
                throw new InvalidOperationException($"import {importId} lost track of rows: {counts}");
            }

            await progress.ReportAsync(force: true);
            var stored = await report.Finish(startedAt, Math.Round(stopwatch.Elapsed.TotalSeconds, 3), counts);
            LogFinished(logger, tenant, importId, counts.Rows, counts.Created, counts.Updated, counts.Unchanged, counts.Rejected, stored.Seconds);
            metrics.ImportRows(tenant, counts.Created, counts.Updated, counts.Unchanged, counts.Rejected);
            return (stored, rejections.First, null);
        }
        catch (ImportFileException refused)
        {
            var failed = await report.Fail($"The file {refused.Message}", Math.Round(stopwatch.Elapsed.TotalSeconds, 3));
            return (failed, [], refused.Message);
        }
    }

    /// <summary>The first table's header; the source is then at its first data record.</summary>
    private static async Task<HierarchyHeader> ReadHeaderAsync(IRecordSource source, CancellationToken cancellationToken)
    {
        if (!await source.NextTableAsync(cancellationToken))
        {
            throw new ImportFileException("has no worksheet; put the hierarchy on the first sheet, under a header row");
        }

        return await ReadTableHeaderAsync(source, cancellationToken)
            ?? throw new ImportFileException("is empty: it needs a header line and at least one row; download the template from imports/hierarchy/template");
    }

    /// <summary>The next table's header, skipping empty tables (an unused sheet); null when there is none.</summary>
    private static async Task<HierarchyHeader?> NextHeaderAsync(IRecordSource source, CancellationToken cancellationToken)
    {
        while (await source.NextTableAsync(cancellationToken))
        {
            if (await ReadTableHeaderAsync(source, cancellationToken) is { } header)
            {
                return header;
            }
        }

        return null;
    }

    /// <summary>The current table's header, or null when the table is empty.</summary>
    private static async Task<HierarchyHeader?> ReadTableHeaderAsync(IRecordSource source, CancellationToken cancellationToken)
    {
        var where = source.Sheet is { } sheet ? $"sheet '{sheet}', " : "";
        if (await source.ReadAsync(int.MaxValue, cancellationToken) is not { } header)
        {
            return null;
        }

        if (header.Malformed is { } broken)
        {
            throw new ImportFileException($"header ({where}line {header.Line}) {broken}");
        }

        var (columns, problem) = HierarchyFormat.ReadHeader(header.Cells, source.SheetKind);
        return columns ?? throw new ImportFileException($"header ({where}line {header.Line}): {problem}");
    }

    /// <summary>Reads every record of every table, rejecting what cannot be a node and keeping the rest until they are applied.</summary>
    private static async Task<HierarchyFile> ReadAsync(IRecordSource source, RejectionLog rejections, ImportProgressTracker progress, CancellationToken cancellationToken)
    {
        var file = new HierarchyFile();
        for (var header = await ReadHeaderAsync(source, cancellationToken); header is not null; header = await NextHeaderAsync(source, cancellationToken))
        {
            var sheet = source.Sheet;
            progress.Describe(sheet, header);
            while (await source.ReadAsync(header.Width, cancellationToken) is { } record)
            {
                file.Rows++;
                await ReadRowAsync(file, record, header, source, rejections);
                progress.Read(file.Rows);
                await progress.ReportAsync(force: false);
            }
        }

        return file;
    }

    private static async Task ReadRowAsync(HierarchyFile file, CsvRecord record, HierarchyHeader header, IRecordSource source, RejectionLog rejections)
    {
        var sheet = source.Sheet;
        if (record.Malformed is { } malformed)
        {
            await rejections.AddAsync(ImportRejection.Of(record.Line, null, [new FieldError("line", malformed)], sheet, record.Cells));
            return;
        }

        var row = HierarchyFormat.ParseRow(record, header, source.SheetKind, source.TrailingCellsOptional);
        if (row.Definition is null)
        {
            await rejections.AddAsync(ImportRejection.Of(row.Line, row.Code, row.Errors, sheet, record.Cells));
        }
        else if (file.LineOf(row.Definition.Code) is { } first)
        {
            await rejections.AddAsync(ImportRejection.Of(row.Line, row.Code, [new FieldError("code", $"'{row.Code}' is already on line {first}")], sheet, record.Cells));
        }
        else if (file.Nodes.Count == ImportLimits.MaxNodesPerFile)
        {
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"defines more than {ImportLimits.MaxNodesPerFile:N0} nodes (line {row.Line} is one too many); nothing was imported. " +
                $"Split it into files of at most {ImportLimits.MaxNodesPerFile:N0} rows, e.g. the regions first and then one file per city, and import them in that order"));
        }
        else
        {
            file.Add(row.Line, row.Definition, sheet, record.Cells);
        }
    }

    private async Task ApplyAsync(string tenant, HierarchyFile file, RejectionLog rejections, ImportProgressTracker progress, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var failed = new List<NodeDefinition>();
        var done = 0;
        foreach (var wave in file.Nodes.GroupBy(n => n.Definition.Kind).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(wave, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (node, _) =>
            {
                var errors = await DefineAsync(tenant, node, file.ChildrenOf(node.Definition.Code), progress.Applied, cancellationToken);
                if (errors is not null)
                {
                    lock (failed)
                    {
                        failed.Add(node.Definition);
                    }

                    await rejections.AddAsync(ImportRejection.Of(node.Line, node.Definition.Code, errors, node.Sheet, node.Cells));
                }

                if (Interlocked.Increment(ref done) % ProgressEvery == 0)
                {
                    LogProgress(logger, tenant, done, file.Nodes.Count, stopwatch.Elapsed.TotalSeconds);
                }

                await progress.ReportAsync(force: false);
            });
        }

        await ForgetAnnouncedAsync(tenant, failed);
    }

    /// <summary>Defines the node; answers why it was refused, or null when it was applied (and counted). A fault of
    /// the storage or the cluster is tried again, since defining is idempotent; only a refusal, or a fault that
    /// outlasts the retries, rejects the row.</summary>
    private async Task<IReadOnlyList<FieldError>?> DefineAsync(string tenant, PendingNode node, IReadOnlyList<NodeDefinition>? children,
        AppliedCounts applied, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, node.Definition.Code));
        var outcome = await TransientRetry.RunAsync(
            () => grain.Define(node.Definition, children),
            o => o.Failure == Failure.Unavailable,
            (exception, attempt) => LogRowRetried(logger, exception, tenant, node.Line, attempt),
            time,
            cancellationToken);
        if (outcome.Outcome is { Succeeded: true } done)
        {
            applied.Count(done.Value);
            return null;
        }

        if (outcome.Outcome is { } refused)
        {
            return refused.Errors.Count > 0 ? refused.Errors : [new FieldError("row", refused.Detail ?? refused.Failure.ToString())];
        }

        LogRowFailed(logger, outcome.Fault, tenant, node.Line);
        return [new FieldError("row", $"could not be stored after {TransientRetry.Attempts} tries ({outcome.Fault!.GetType().Name}); " +
            "import the file again to retry it (数据保存失败，请重新导入)")];
    }

    /// <summary>A parent attached the children announced to it; one whose own row then failed, and which does not exist,
    /// is taken off again so the parent does not list it.</summary>
    private async Task ForgetAnnouncedAsync(string tenant, IEnumerable<NodeDefinition> rejected)
    {
        foreach (var definition in rejected.Where(d => d.ParentCode is not null))
        {
            var probe = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, definition.Code)).Probe();
            if (!probe.Exists)
            {
                await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, definition.ParentCode!)).DetachChild(definition.Code);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} into {Tenant}: {Rows} rows, {Valid} well-formed")]
    private static partial void LogStarted(ILogger logger, string tenant, string importId, int rows, int valid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import into {Tenant}: {Done}/{Total} rows applied in {Seconds:F1}s")]
    private static partial void LogProgress(ILogger logger, string tenant, int done, int total, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} into {Tenant} finished: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected in {Seconds}s")]
    private static partial void LogFinished(ILogger logger, string tenant, string importId, int rows, int created, int updated, int unchanged, int rejected, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import into {Tenant}: line {Line} failed on try {Attempt}; trying again")]
    private static partial void LogRowRetried(ILogger logger, Exception? exception, string tenant, int line, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import into {Tenant}: line {Line} failed")]
    private static partial void LogRowFailed(ILogger logger, Exception? exception, string tenant, int line);
}
