using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Domain.Audit;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Audit;

/// <summary>The filters of the audit log (审计日志) as <c>GET audit</c> and its download both take them, and the scope they read in.</summary>
internal static class AuditFilters
{
    private const int MaxFilterLength = 200;

    /// <summary>
    /// A region admin's lines are those filed under its subtree: <paramref name="within"/> defaults to its own scope,
    /// and one outside it answers 404 as a node that does not exist. A tenant admin reads every line.
    /// </summary>
    public static async Task<(string? Within, ProblemHttpResult? Refusal)> ScopeAsync(TenantAccess access, string? within)
    {
        if (AccessRules.SeesWholeTenant(access.Caller.Role))
        {
            return (within, null);
        }

        within ??= access.Caller.ScopeCode;
        return within is null || !NodeCodes.IsWellFormed(within) || !await access.CoversAsync(within)
            ? (null, Problems.NotFound($"there is no '{within}' within your scope in this tenant"))
            : (within, null);
    }

    /// <summary>The query the filters make; what is wrong with them goes into <paramref name="errors"/>, each naming its parameter.</summary>
    public static AuditQuery Query(
        string? actor, string? target, string? within, string? from, string? to, int page, int pageSize, List<FieldError> errors) =>
        new(Filter(actor, "actor", errors), Filter(target, "target", errors), Filter(within, "within", errors),
            Time(from, "from", errors), Time(to, "to", errors), page, pageSize);

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
