using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Api;
using Platform.Gateway.Imports;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class ImportEndpoints
{
    private const long MaxFileBytes = 64L * 1024 * 1024;

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder tenant)
    {
        tenant.MapPost("/imports/hierarchy", ImportHierarchy)
            .WithTags("Imports")
            .WithSummary("Import regions, schools and Party organisations from CSV (UTF-8, Chinese names)")
            .WithDescription("Header: kind,code,name,parentCode[,stage,ownership,location,covers,members,probationaryMembers]. Idempotent: importing the same file again changes nothing. Answers per row: created, updated, unchanged or rejected with the reasons.")
            .Accepts<string>("text/csv")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFileBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return tenant;
    }

    private static async Task<Results<Ok<ImportReportDto>, ProblemHttpResult>> ImportHierarchy(
        string tenant, HttpRequest request, HierarchyImporter importer, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem($"send the file as text/csv, not {type}", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        string text;
        try
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Invalid("file", "is not UTF-8 text; save the CSV as UTF-8");
        }

        var (report, problem) = await importer.ImportAsync(tenant, text, cancellationToken);
        return report is null ? Problems.Invalid("file", problem!) : TypedResults.Ok(report);
    }
}
