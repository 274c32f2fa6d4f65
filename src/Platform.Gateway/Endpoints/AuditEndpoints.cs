using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Contracts.Audit;
using Platform.Domain.Audit;
using Platform.Domain.Hierarchy;
using Platform.Gateway.Api;
using Platform.Gateway.Audit;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class AuditEndpoints
{
    private const int MaxFilterLength = 200;

    /// <summary>Only a read: no route edits or removes a line of the log.</summary>
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/audit", Read)
            .WithTags("Audit")
            .WithSummary("The tenant's audit log (审计日志): every write, newest first, filtered and paged")
            .WithDescription(
                "actor: an account id or username; target: a target path or its prefix (campaigns/c1) or a node code; within: a node code, " +
                "only lines in its subtree; from (inclusive) and to (exclusive): ISO 8601 times; page from 1; pageSize 1-500. " +
                "Lines are never edited or removed. Reading is for tenant admins (all) and region admins (their subtree) once accounts exist; until then it answers 403.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return tenant;
    }

    private static async Task<Results<Ok<AuditLogPageDto>, ProblemHttpResult>> Read(
        string tenant, AuditLogReader reader, IOptions<AuditSettings> settings,
        string? actor, string? target, string? within, string? from, string? to, int? page, int? pageSize)
    {
        // TEMPORARY until authorization lands: nobody may read but tests that switch this on (see AuditSettings).
        if (!settings.Value.UnguardedReads)
        {
            return TypedResults.Problem(
                "reading the audit log is for tenant and region admins, and accounts are not enabled on this deployment yet; ask the operator",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var errors = new List<FieldError>();
        var query = new AuditQuery(
            Filter(actor, "actor", errors), Filter(target, "target", errors), Filter(within, "within", errors),
            Time(from, "from", errors), Time(to, "to", errors), page ?? 1, pageSize ?? 50);
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

        var found = await reader.ReadAsync(tenant, query);
        return TypedResults.Ok(new AuditLogPageDto(query.Page, query.PageSize, found.HasMore, found.ScannedUntil,
            found.Entries.Select(AuditLogEntryDto.From).ToArray()));
    }

    private static string? Filter(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > MaxFilterLength)
        {
            errors.Add(new(field, $"must be at most {MaxFilterLength} characters"));
        }

        return value;
    }

    private static DateTimeOffset? Time(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add(new(field, "must be a time such as 2026-09-30T18:00:00+08:00"));
        return null;
    }
}
