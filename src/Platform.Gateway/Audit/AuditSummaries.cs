using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Platform.Gateway.Api;

namespace Platform.Gateway.Audit;

/// <summary>
/// What an audit line says the target held before and after a write, in brief, from the write's answer: old and new
/// rating and total for standing ratings, old and new points for campaign scores (the domain keeps both), the new
/// state of anything else, and the problem's detail for a refusal.
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

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
