using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Audit;
using Platform.Domain.Audit;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Audit;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class AuditEndpoints
{
    /// <summary>Only a read: no route edits or removes a line of the log.</summary>
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/audit", Read)
            .Requires(Operation.ReadAudit)
            .WithTags("Audit")
            .WithSummary("The tenant's audit log (审计日志): every write, newest first, filtered and paged")
            .WithDescription(
                "actor: an account id or username; target: a target path or its prefix (campaigns/c1) or a node code; within: a node code, " +
                "only lines in its subtree; from (inclusive) and to (exclusive): ISO 8601 times; page from 1; pageSize 1-500. " +
                "Lines are never edited or removed. A tenant admin reads every line; a region admin only the lines of its subtree (within defaults to its scope, and a within outside it answers 404 as a node that does not exist).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tenant;
    }

    private static async Task<Results<Ok<AuditLogPageDto>, ProblemHttpResult>> Read(
        TenantAccess access, AuditLogReader reader,
        string? actor, string? target, string? within, string? from, string? to, int? page, int? pageSize)
    {
        (within, var refusal) = await AuditFilters.ScopeAsync(access, within);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new List<FieldError>();
        var query = AuditFilters.Query(actor, target, within, from, to, page ?? 1, pageSize ?? 50, errors);
        if (query.Page < 1)
        {
            errors.Add(new("page", "must be 1 or more"));
        }

        if (query.PageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            errors.Add(new("pageSize", $"must be from 1 to {AuditQuery.MaxPageSize}"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var found = await reader.ReadAsync(access.Tenant, query);
        return TypedResults.Ok(new AuditLogPageDto(query.Page, query.PageSize, found.HasMore, found.ScannedUntil,
            found.Entries.Select(AuditLogEntryDto.From).ToArray()));
    }
}
