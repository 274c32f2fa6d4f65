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
/// Imports regions, schools and organisations from CSV. The file is read as it arrives, and checked whole before
/// anything is applied; then rows are applied kind by kind, from the province down, so a parent defined in the same
/// file always exists before its children; within a kind, rows run concurrently. Re-importing the same file changes
/// nothing: every row counts as <c>unchanged</c>.
/// </summary>
/// <remarks>
/// Memory is bounded whatever the file holds: a rejected row is counted and handed on to the import's report
/// (<see cref="RejectionLog"/>), never held, and the rows held until they are applied are the nodes the file defines,
/// at most <see cref="ImportLimits.MaxNodesPerFile"/>, each with its line and its place among its parent's children.
/// </remarks>
internal sealed partial class HierarchyImporter(IGrainFactory grains, TimeProvider time, ILogger<HierarchyImporter> logger, PlatformMetrics metrics)
{
    private const int Parallelism = 32;
    private const int ProgressEvery = 5_000;

    /// <summary>The report, or why the file as a whole cannot be imported (then nothing was, and nothing is kept).</summary>
    public async Task<(ImportReportDto? Report, string? Problem)> ImportAsync(string tenant, TextReader csv, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var importId = ImportIds.New();
        var report = grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, importId));
        var rejections = new RejectionLog(report);

        try
        {
            var file = await ReadAsync(csv, rejections, cancellationToken);
            LogStarted(logger, tenant, importId, file.Rows, file.Nodes.Count);
            var applied = await ApplyAsync(tenant, file, rejections, stopwatch, cancellationToken);
            await rejections.FlushAsync();

            var counts = new ImportCounts(file.Rows, applied.Created, applied.Updated, applied.Unchanged, rejections.Count);
            var stored = await report.Finish(startedAt, Math.Round(stopwatch.Elapsed.TotalSeconds, 3), counts);
            LogFinished(logger, tenant, importId, counts.Rows, counts.Created, counts.Updated, counts.Unchanged, counts.Rejected, stored.Seconds);
            metrics.ImportRows(tenant, counts.Created, counts.Updated, counts.Unchanged, counts.Rejected);
            return (ImportReportDto.From(tenant, stored, rejections.First), null);
        }
        catch (ImportFileException refused)
        {
            await DiscardAsync(report, rejections);
            return (null, refused.Message);
        }
        catch (Exception) when (rejections.StoredAny)
        {
            // An import that never finishes has no report to download from; its chunks would be orphans.
            await DiscardAsync(report, rejections);
            throw;
        }
    }

    private static async Task DiscardAsync(IImportReportGrain report, RejectionLog rejections)
    {
        if (rejections.StoredAny)
        {
            await report.Discard();
        }
    }

    /// <summary>Reads every record, rejecting what cannot be a node and keeping the rest until they are applied.</summary>
    private static async Task<HierarchyFile> ReadAsync(TextReader csv, RejectionLog rejections, CancellationToken cancellationToken)
    {
        using var reader = new CsvRecordReader(csv);
        var header = await reader.ReadAsync(int.MaxValue, cancellationToken)
            ?? throw new ImportFileException("the file is empty: it needs a header line and at least one row");
        if (header.Malformed is { } broken)
        {
            throw new ImportFileException($"header (line {header.Line}) {broken}");
        }

        var (columns, problem) = HierarchyFormat.ReadHeader(header.Cells);
        if (columns is null)
        {
            throw new ImportFileException($"header (line {header.Line}): {problem}");
        }

        var file = new HierarchyFile();
        while (await reader.ReadAsync(columns.Count, cancellationToken) is { } record)
        {
            file.Rows++;
            if (record.Malformed is { } malformed)
            {
                await rejections.AddAsync(ImportRejection.Of(record.Line, null, [new FieldError("line", malformed)]));
                continue;
            }

            var row = HierarchyFormat.ParseRow(record, columns);
            if (row.Definition is null)
            {
                await rejections.AddAsync(ImportRejection.Of(row.Line, row.Code, row.Errors));
            }
            else if (file.LineOf(row.Definition.Code) is { } first)
            {
                await rejections.AddAsync(ImportRejection.Of(row.Line, row.Code, [new FieldError("code", $"'{row.Code}' is already on line {first}")]));
            }
            else if (file.Nodes.Count == ImportLimits.MaxNodesPerFile)
            {
                throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                    $"defines more than {ImportLimits.MaxNodesPerFile:N0} nodes (line {row.Line} is one too many); nothing was imported. " +
                    $"Split it into files of at most {ImportLimits.MaxNodesPerFile:N0} rows, e.g. the regions first and then one file per city, and import them in that order"));
            }
            else
            {
                file.Add(row.Line, row.Definition);
            }
        }

        return file;
    }

    private async Task<AppliedCounts> ApplyAsync(string tenant, HierarchyFile file, RejectionLog rejections, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var applied = new AppliedCounts();
        var failed = new List<NodeDefinition>();
        var done = 0;
        foreach (var wave in file.Nodes.GroupBy(n => n.Definition.Kind).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(wave, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (node, _) =>
            {
                var errors = await DefineAsync(tenant, node, file.ChildrenOf(node.Definition.Code), applied);
                if (errors is not null)
                {
                    lock (failed)
                    {
                        failed.Add(node.Definition);
                    }

                    await rejections.AddAsync(ImportRejection.Of(node.Line, node.Definition.Code, errors));
                }

                if (Interlocked.Increment(ref done) % ProgressEvery == 0)
                {
                    LogProgress(logger, tenant, done, file.Nodes.Count, stopwatch.Elapsed.TotalSeconds);
                }
            });
        }

        await ForgetAnnouncedAsync(tenant, failed);
        return applied;
    }

    /// <summary>Defines the node; answers why it was refused, or null when it was applied (and counted).</summary>
    private async Task<IReadOnlyList<FieldError>?> DefineAsync(string tenant, PendingNode node, IReadOnlyList<NodeDefinition>? children, AppliedCounts applied)
    {
        try
        {
            var outcome = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, node.Definition.Code)).Define(node.Definition, children);
            if (outcome.Succeeded)
            {
                applied.Count(outcome.Value);
                return null;
            }

            return outcome.Errors.Count > 0 ? outcome.Errors : [new FieldError("row", outcome.Detail ?? outcome.Failure.ToString())];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRowFailed(logger, exception, tenant, node.Line);
            return [new FieldError("row", $"could not be stored ({exception.GetType().Name}); import the file again to retry it")];
        }
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

    /// <summary>Created, updated and unchanged rows, counted from concurrent rows.</summary>
    private sealed class AppliedCounts
    {
        private int _created;
        private int _updated;
        private int _unchanged;

        public int Created => _created;
        public int Updated => _updated;
        public int Unchanged => _unchanged;

        public void Count(NodeChange change)
        {
            switch (change)
            {
                case NodeChange.Created:
                    Interlocked.Increment(ref _created);
                    break;
                case NodeChange.Updated:
                    Interlocked.Increment(ref _updated);
                    break;
                default:
                    Interlocked.Increment(ref _unchanged);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} into {Tenant}: {Rows} rows, {Valid} well-formed")]
    private static partial void LogStarted(ILogger logger, string tenant, string importId, int rows, int valid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import into {Tenant}: {Done}/{Total} rows applied in {Seconds:F1}s")]
    private static partial void LogProgress(ILogger logger, string tenant, int done, int total, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} into {Tenant} finished: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected in {Seconds}s")]
    private static partial void LogFinished(ILogger logger, string tenant, string importId, int rows, int created, int updated, int unchanged, int rejected, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import into {Tenant}: line {Line} failed")]
    private static partial void LogRowFailed(ILogger logger, Exception exception, string tenant, int line);
}
