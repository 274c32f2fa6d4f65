using System.Diagnostics;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Gateway.Api;

namespace Platform.Gateway.Imports;

/// <summary>
/// Imports regions, schools and organisations from CSV. Rows are applied kind by kind, from the province down, so a
/// parent defined in the same file always exists before its children; within a kind, rows run concurrently.
/// Re-importing the same file changes nothing: every row reports <c>unchanged</c>.
/// </summary>
internal sealed partial class HierarchyImporter(IGrainFactory grains, ILogger<HierarchyImporter> logger)
{
    private const int Parallelism = 32;
    private const int ProgressEvery = 5_000;

    /// <summary>The report, or why the file as a whole cannot be read (then nothing was imported).</summary>
    public async Task<(ImportReportDto? Report, string? Problem)> ImportAsync(string tenant, string csv, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var records = CsvReader.Read(csv).ToList();
        if (records.Count == 0)
        {
            return (null, "the file is empty: it needs a header line and at least one row");
        }

        var (columns, problem) = HierarchyFormat.ReadHeader(records[0].Cells);
        if (columns is null)
        {
            return (null, $"header (line {records[0].Line}): {problem}");
        }

        var rows = records.Skip(1).Select(r => HierarchyFormat.ParseRow(r.Line, r.Cells, columns)).ToList();
        var results = new ImportRowDto[rows.Count];
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<(int Index, NodeDefinition Definition)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Definition is null)
            {
                results[i] = Rejected(row.Line, row.Code, row.Errors);
            }
            else if (!firstLineOf.TryAdd(row.Definition.Code, row.Line))
            {
                results[i] = Rejected(row.Line, row.Code, [new("code", $"'{row.Code}' is already on line {firstLineOf[row.Definition.Code]}")]);
            }
            else
            {
                pending.Add((i, row.Definition));
            }
        }

        var childrenOf = pending
            .Where(p => p.Definition.ParentCode is not null)
            .GroupBy(p => p.Definition.ParentCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<NodeDefinition>)g.Select(p => p.Definition).ToList(), StringComparer.Ordinal);

        LogStarted(logger, tenant, rows.Count, pending.Count);
        var done = 0;
        foreach (var wave in pending.GroupBy(p => p.Definition.Kind).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(wave, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, _) =>
            {
                results[item.Index] = await DefineAsync(tenant, rows[item.Index].Line, item.Definition, childrenOf.GetValueOrDefault(item.Definition.Code));
                if (Interlocked.Increment(ref done) % ProgressEvery == 0)
                {
                    LogProgress(logger, tenant, done, pending.Count, stopwatch.Elapsed.TotalSeconds);
                }
            });
        }

        await ForgetAnnouncedAsync(tenant, pending.Where(p => results[p.Index].Result == "rejected").Select(p => p.Definition));

        var report = new ImportReportDto(
            rows.Count,
            results.Count(r => r.Result == "created"),
            results.Count(r => r.Result == "updated"),
            results.Count(r => r.Result == "unchanged"),
            results.Count(r => r.Result == "rejected"),
            Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
            results);
        LogFinished(logger, tenant, report.Rows, report.Created, report.Updated, report.Unchanged, report.Rejected, report.Seconds);
        return (report, null);
    }

    private async Task<ImportRowDto> DefineAsync(string tenant, int line, NodeDefinition definition, IReadOnlyList<NodeDefinition>? children)
    {
        try
        {
            var outcome = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, definition.Code)).Define(definition, children);
            if (outcome.Succeeded)
            {
                return new ImportRowDto(line, definition.Code, outcome.Value.ToString().ToLowerInvariant(), null);
            }

            return Rejected(line, definition.Code, outcome.Errors.Count > 0 ? outcome.Errors : [new("row", outcome.Detail ?? outcome.Failure.ToString())]);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRowFailed(logger, exception, tenant, line);
            return Rejected(line, definition.Code, [new("row", $"could not be stored ({exception.GetType().Name}); import the file again to retry it")]);
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

    private static ImportRowDto Rejected(int line, string? code, IReadOnlyList<FieldError> errors) => new(line, code, "rejected", errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import into {Tenant}: {Rows} rows, {Valid} well-formed")]
    private static partial void LogStarted(ILogger logger, string tenant, int rows, int valid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import into {Tenant}: {Done}/{Total} rows applied in {Seconds:F1}s")]
    private static partial void LogProgress(ILogger logger, string tenant, int done, int total, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import into {Tenant} finished: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected in {Seconds}s")]
    private static partial void LogFinished(ILogger logger, string tenant, int rows, int created, int updated, int unchanged, int rejected, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import into {Tenant}: line {Line} failed")]
    private static partial void LogRowFailed(ILogger logger, Exception exception, string tenant, int line);
}
