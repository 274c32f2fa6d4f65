using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Contracts.Imports;
using Platform.Domain.Identity;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Audit;
using Platform.Gateway.Exports;
using Platform.Gateway.Imports;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class ImportEndpoints
{
    private const long MaxFileBytes = 64L * 1024 * 1024;
    private const int MaxWaitSeconds = 60;

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder tenant)
    {
        var imports = tenant.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("/hierarchy", ImportHierarchy)
            .Requires(Operation.ImportHierarchy)
            .WithSummary("Import regions, schools and Party organisations from a CSV or XLSX file, as a job")
            .WithDescription(
                "The file: CSV in UTF-8 (with or without a byte order mark) or GB18030 (Excel's \"CSV (逗号分隔)\" on Chinese Windows), found from the file itself; " +
                "or an .xlsx workbook, one sheet, or one sheet per level named for it (省, 市, 县, 学校, 党组织; a sheet named for a kind may leave out the kind column). " +
                "Send it as the body (text/csv or the .xlsx media type) or as a browser upload (multipart/form-data, the file in the part named 'file'). " +
                HeaderDescription +
                " Idempotent: importing the same file again changes nothing (every row unchanged). Every data row ends as exactly one of created, updated, unchanged or rejected. " +
                "Answers 202 with the job (status queued) and a Location to poll (GET imports/{importId}). With `Prefer: wait=N` (seconds, at most 60) the answer waits for the job: " +
                "200 with the finished report if it ends in time, 400 if the file as a whole cannot be imported, otherwise 202. " +
                "A file that cannot be read at all (empty, wrong header, neither UTF-8 nor GB18030, not a workbook) is refused at once (400). " +
                "A file may define at most 200,000 nodes and no CSV line may exceed 64 KiB; a larger file fails as a whole.")
            .Accepts<string>(ImportUpload.CsvType, ImportUpload.XlsxType, ImportUpload.FormType)
            .WithMetadata(ReparentsNodes.Instance)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFileBytes))
            .Produces<ImportReportDto>(StatusCodes.Status202Accepted)
            .Produces<ImportReportDto>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        imports.MapGet("/hierarchy/template", Template)
            .Requires(Operation.ReadProvinceWide, AccessTarget.Province)
            .WithSummary("The hierarchy import template: the header row with Chinese column names (format=csv or xlsx)")
            .WithDescription("The .xlsx has a second sheet, 可选值, with each column's allowed values; an import skips that sheet. " + HeaderDescription)
            .Produces(StatusCodes.Status200OK, contentType: ImportUpload.XlsxType, additionalContentTypes: ["text/csv"])
            .ProducesValidationProblem();
        imports.MapGet("/{importId}", GetImport)
            .Requires(Operation.ReadProvinceWide, AccessTarget.Province)
            .WithSummary("An import job: its status (queued, running, finished, failed), its progress while it runs, and at the end its report")
            .Produces<ImportReportDto>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapGet("/{importId}/rejections", GetRejections)
            .Requires(Operation.ReadProvinceWide, AccessTarget.Province)
            .WithSummary("Every kept rejected row of an import in the file's own columns, plus its line and the reason (format=csv or xlsx), streamed")
            .WithDescription("Correct the rows and import the file again: the line and reason columns are ignored on import. CSV is UTF-8 with a byte order mark for Excel. Holds the first 100,000 rejected rows.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: [ImportUpload.XlsxType])
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tenant;
    }

    private const string HeaderDescription =
        "Columns, by Chinese or English header, in any order: 类型 (kind: 省/province, 市/city, 县/county, 学校/school, 党委/partyCommittee, 党总支/generalBranch, 党支部/branch, 联合党支部/jointBranch), " +
        "代码 (code), 名称 (name), 上级代码 (parentCode; empty for the province) are required; optional: 学段 (stage: 幼儿园, 小学, 初中, 高中, 九年一贯制, 完全中学, 中职, 特殊教育), " +
        "办学性质 (ownership: 公办/public, 民办/private), 城乡 (location: 城镇/urban, 农村/rural), 覆盖学校 (covers: a joint branch's 10-digit school codes, separated by ';', at most 5), " +
        "党员数 (members) and 预备党员数 (probationaryMembers), whole numbers 0–100000. An empty optional cell, or a missing optional column, keeps what is stored (a new node gets the default). " +
        "A column the format does not know is ignored with a warning in the report.";

    private static async Task<Results<Ok<ImportReportDto>, Accepted<ImportReportDto>, ProblemHttpResult>> ImportHierarchy(
        TenantAccess access, HttpRequest request, HttpResponse response, ImportJobs jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        // Another type never gets here: routing refuses it (415, see UnsupportedMediaTypes) for the types Accepts names.
        ImportUpload upload;
        try
        {
            upload = await ImportUpload.SpoolAsync(request, cancellationToken);
        }
        catch (ImportFileException refused)
        {
            return Problems.Invalid("file", refused.Message);
        }

        if (await HierarchyImporter.CheckHeaderAsync(upload, cancellationToken) is { } problem)
        {
            upload.Delete();
            return Problems.Invalid("file", problem);
        }

        var (grains, tenant) = (access.Grains, access.Tenant);
        var importId = ImportIds.New();
        var acceptedAt = time.GetUtcNow();
        await Report(grains, tenant, importId).Queue(acceptedAt);
        jobs.Enqueue(new ImportJob(tenant, importId, upload, CallerContext.Current!, acceptedAt));

        if (PreferredWait(request) is { } wait && await jobs.WaitAsync(importId, wait, cancellationToken))
        {
            response.Headers["Preference-Applied"] = string.Create(CultureInfo.InvariantCulture, $"wait={(int)wait.TotalSeconds}");
            var ended = await ReadAsync(grains, tenant, importId);
            if (ended.Status == "failed")
            {
                return Problems.Invalid("file", ended.Problem ?? "could not be imported");
            }

            return TypedResults.Ok(ended);
        }

        return TypedResults.Accepted(ImportReportDto.ImportPath(tenant, importId), await ReadAsync(grains, tenant, importId));
    }

    /// <summary>RFC 7240 <c>Prefer: wait=N</c>, at most <see cref="MaxWaitSeconds"/>; null when not asked.</summary>
    private static TimeSpan? PreferredWait(HttpRequest request)
    {
        foreach (var preference in request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',')))
        {
            var token = preference.Split(';')[0].Trim();
            if (token.StartsWith("wait=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(token.AsSpan(5).Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(Math.Min(seconds, MaxWaitSeconds));
            }
        }

        return null;
    }

    private static async Task<Results<Ok<ImportReportDto>, ProblemHttpResult>> GetImport(string importId, TenantAccess access)
    {
        var (grains, tenant) = (access.Grains, access.Tenant);
        return await FindAsync(grains, tenant, importId) is null ? NoImport(importId) : TypedResults.Ok(await ReadAsync(grains, tenant, importId));
    }

    private static async Task<ImportReportDto> ReadAsync(IGrainFactory grains, string tenant, string importId)
    {
        var report = await FindAsync(grains, tenant, importId) ?? throw new InvalidOperationException($"import {importId} has no report");
        var first = report.Chunks > 0 ? await Chunk(grains, tenant, importId, 0).Read() : [];
        return ImportReportDto.From(tenant, report, first);
    }

    private static async Task<IResult> GetRejections(string importId, TenantAccess access, string format = "csv")
    {
        if (Writer(format) is not { } writer)
        {
            return Problems.Invalid("format", "must be csv or xlsx");
        }

        var (grains, tenant) = (access.Grains, access.Tenant);
        if (await FindAsync(grains, tenant, importId) is not { } report)
        {
            return NoImport(importId);
        }

        var layout = RejectionLayout.Of(report.Headers);
        var sheet = new ExportSheet(layout.Chinese ? "被拒绝的行" : "rejections", layout.Columns, RejectionRows(grains, tenant, report, layout));
        return ExportResults.Stream(writer, $"import-{importId}-rejections", [sheet]);
    }

    private static IResult Template(string format = "xlsx")
    {
        if (Writer(format) is not { } writer)
        {
            return Problems.Invalid("format", "must be csv or xlsx");
        }

        var header = new ExportSheet("层级", [.. HierarchyFormat.Columns.Select(c => new ExportColumn(c.Chinese))], Empty());
        IReadOnlyList<ExportSheet> sheets = writer is XlsxExportWriter
            ? [header, new ExportSheet(HierarchyFormat.ValuesSheet, [new("列 (column)"), new("可选值 (allowed values)")], AllowedValues())]
            : [header];
        return ExportResults.Stream(writer, "hierarchy-template", sheets);
    }

    private static ITableExportWriter? Writer(string format) => format.ToLowerInvariant() switch
    {
        "csv" => new CsvExportWriter(),
        "xlsx" => new XlsxExportWriter(),
        _ => null,
    };

#pragma warning disable CS1998 // An async iterator without awaits: the export takes rows as a stream.
    private static async IAsyncEnumerable<IReadOnlyList<object?>> Empty()
    {
        yield break;
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> AllowedValues()
    {
        foreach (var (column, values) in HierarchyFormat.AllowedValues)
        {
            yield return [column, values];
        }
    }
#pragma warning restore CS1998

    /// <summary>One chunk in memory at a time, however many were kept.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<object?>> RejectionRows(IGrainFactory grains, string tenant, ImportReport report, RejectionLayout layout)
    {
        for (var chunk = 0; chunk < report.Chunks; chunk++)
        {
            foreach (var rejection in await Chunk(grains, tenant, report.Id, chunk).Read())
            {
                yield return layout.Row(rejection);
            }
        }
    }

    private static async Task<ImportReport?> FindAsync(IGrainFactory grains, string tenant, string importId) =>
        ImportIds.IsWellFormed(importId) ? await Report(grains, tenant, importId).Get() : null;

    private static IImportReportGrain Report(IGrainFactory grains, string tenant, string importId) =>
        grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, importId));

    private static IImportRejectionsGrain Chunk(IGrainFactory grains, string tenant, string importId, int chunk) =>
        grains.GetGrain<IImportRejectionsGrain>(GrainKeys.ImportRejections(tenant, importId, chunk));

    private static ProblemHttpResult NoImport(string importId) =>
        Problems.NotFound($"there is no import '{importId}' in this tenant; use the importId (or the Location) of an import's answer");
}
