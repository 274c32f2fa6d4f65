using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Platform.Gateway.Api;
using Platform.Gateway.Identity;

namespace Platform.Gateway.Audit;

/// <summary>
/// What an audit line says the target held before and after a write, in brief, from the write's answer: old and new
/// rating and total for standing ratings, old and new points for campaign scores (the domain keeps both), the new
/// state of anything else, and the problem's detail for a refusal. Never a secret: an account's one-time password and a
/// token stay out of the line.
/// </summary>
internal static class AuditSummaries
{
    public static (string? Before, string? After) Of(object? value) => value switch
    {
        AssessmentDto a => (a.Change is { OldRating: { } old } c ? $"{old} {Number(c.OldTotal)}" : null, $"{a.Rating} {Number(a.Total)}"),
        EntryDto e => Scores(e),
        NodeDto n => (null, $"parent {n.ParentCode ?? "-"}{(n.Closed ? ", closed" : "")}"),
        TenantDto t => (null, $"{t.Name}; {t.RatingScheme}; minimumPublicityDays {t.MinimumPublicityDays}"),
        FrameworkDto f => (null, $"version {f.Version}: {f.Name}"),
        CampaignDto c => (null, $"{c.Stage}"),
        ImportReportDto i => (null, $"import {i.ImportId}: {i.Created} created, {i.Updated} updated, {i.Unchanged} unchanged, {i.Rejected} rejected"),
        AccountWithPasswordDto a => (null, $"{Account(a.Account)}; one-time password issued"),
        AccountDto a => (null, Account(a)),
        SecretaryBatchDto b => (null, $"{b.Created} secretaries created, {b.Rejected} rows rejected"),
        CreatedTenantDto t => (null, $"{t.Name}; {t.RatingScheme}; initial admin {t.InitialAdmin.Username}"),
        TenantListItemDto t => (null, t.Suspended ? "suspended" : "active"),
        Platform.Contracts.Identity.ExternalProvider p => (null, $"authority {p.Authority}, audience {p.Audience}"),
        TokenResponse => (null, "password changed; other sessions ended"),
        ProblemDetails p => (null, p.Detail ?? p.Title),
        _ => (null, null),
    };

    /// <summary>The indicators the command changed, old points before and new after, then the score that now stands.</summary>
    private static (string? Before, string? After) Scores(EntryDto entry)
    {
        var changes = entry.Changes ?? [];
        var result = entry.Result is { } r ? $"{r.Kind} {r.Rating} {Number(r.Total)}" : entry.Appeal is { Decision: null } ? "appeal open" : null;
        if (changes.Count == 0)
        {
            return (null, result);
        }

        var before = string.Join("; ", changes.Select(c => $"{c.Indicator} {c.OldRating ?? Number(c.Old)}"));
        var after = string.Join("; ", changes.Select(c => $"{c.Indicator} {c.NewRating ?? Number(c.New)}"));
        return (before, result is null ? after : $"{after} → {result}");
    }

    private static string Account(AccountDto a) =>
        $"{a.Username}: {a.Role} at {a.ScopeCode ?? "-"}{(a.Suspended ? ", suspended" : "")}{(a.MustChangePassword ? ", must change password" : "")}";

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
