using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
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

    private static readonly IReadOnlyList<ExportColumn> RejectionColumns = [new("line"), new("code"), new("field"), new("reason")];

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder tenant)
    {
        var imports = tenant.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("/hierarchy", ImportHierarchy)
            .Requires(Operation.ImportHierarchy)
            .WithSummary("Import regions, schools and Party organisations from CSV (UTF-8, Chinese names)")
            .WithDescription(
                "Header: kind,code,name,parentCode[,stage,ownership,location,covers,members,probationaryMembers]. Idempotent: importing the same file again changes nothing. " +
                "Answers counts (created, updated, unchanged, rejected), the first 100 rejected rows with their reasons, and a link to download every rejected row as CSV. " +
                "A file may define at most 200,000 nodes and no line may exceed 64 KiB; a larger file is refused as a whole.")
            .Accepts<string>("text/csv")
            .WithMetadata(ReparentsNodes.Instance)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFileBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        imports.MapGet("/{importId}", GetImport)
            .Requires(Operation.ReadProvinceWide, AccessTarget.Province)
            .WithSummary("An import's report: its counts, the first rejected rows and the link to all of them")
            .ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapGet("/{importId}/rejections", GetRejections)
            .Requires(Operation.ReadProvinceWide, AccessTarget.Province)
            .WithSummary("Every kept rejected row of an import as CSV (line, code, field, reason), UTF-8 with a byte order mark for Excel, streamed")
            .WithDescription("One line per reason, so a row rejected for two reasons has two lines with the same line number. Holds the first 100,000 rejected rows.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tenant;
    }

    private static async Task<Results<Ok<ImportReportDto>, ProblemHttpResult>> ImportHierarchy(
        TenantAccess access, HttpRequest request, HierarchyImporter importer, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem($"send the file as text/csv, not {type}", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var (report, problem) = await importer.ImportAsync(access.Tenant, reader, cancellationToken);
        return report is null ? Problems.Invalid("file", problem!) : TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<ImportReportDto>, ProblemHttpResult>> GetImport(string importId, TenantAccess access)
    {
        var (grains, tenant) = (access.Grains, access.Tenant);
        if (await FindAsync(grains, tenant, importId) is not { } report)
        {
            return NoImport(importId);
        }

        var first = report.Chunks > 0 ? await Chunk(grains, tenant, importId, 0).Read() : [];
        return TypedResults.Ok(ImportReportDto.From(tenant, report, first));
    }

    private static async Task<IResult> GetRejections(string importId, TenantAccess access)
    {
        var (grains, tenant) = (access.Grains, access.Tenant);
        if (await FindAsync(grains, tenant, importId) is not { } report)
        {
            return NoImport(importId);
        }

        var sheet = new ExportSheet("rejections", RejectionColumns, RejectionRows(grains, tenant, report));
        return ExportResults.Stream(new CsvExportWriter(), $"import-{importId}-rejections", [sheet]);
    }

    /// <summary>One chunk in memory at a time, however many were kept.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<object?>> RejectionRows(IGrainFactory grains, string tenant, ImportReport report)
    {
        for (var chunk = 0; chunk < report.Chunks; chunk++)
        {
            foreach (var rejection in await Chunk(grains, tenant, report.Id, chunk).Read())
            {
                foreach (var error in rejection.Errors)
                {
                    yield return [rejection.Line, rejection.Code, error.Field, error.Message];
                }
            }
        }
    }

    private static async Task<ImportReport?> FindAsync(IGrainFactory grains, string tenant, string importId) =>
        ImportIds.IsWellFormed(importId) ? await grains.GetGrain<IImportReportGrain>(GrainKeys.Import(tenant, importId)).Get() : null;

    private static IImportRejectionsGrain Chunk(IGrainFactory grains, string tenant, string importId, int chunk) =>
        grains.GetGrain<IImportRejectionsGrain>(GrainKeys.ImportRejections(tenant, importId, chunk));

    private static ProblemHttpResult NoImport(string importId) =>
        Problems.NotFound($"there is no finished import '{importId}' in this tenant; use the importId of an import's answer");
}
