using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Domain.Text;

namespace Platform.Domain.Campaigns;

/// <summary>The outcome of applying <see cref="ScoreChanges"/>: the rescored assessment and the audit lines, or the errors.</summary>
public sealed record ScoreRevisionOutcome(Assessment? Assessment, IReadOnlyList<ScoreAuditRecord> Audit, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Assessment is not null;
}

/// <summary>Applies a reviewer's changes on top of the assessment they reviewed and rescores it.</summary>
public static class ScoreRevision
{
    public const int MaxReasonLength = 500;

    public static ScoreRevisionOutcome Apply(
        FrameworkVersion framework, Assessment basis, ScoreChanges changes, CampaignStage stage, string actor, DateTimeOffset at)
    {
        var errors = new List<FieldError>();
        foreach (var (key, reason) in changes.Reasons)
        {
            if (TextRules.Problem(reason, MaxReasonLength, TextShape.MultiLine) is { } problem)
            {
                errors.Add(new($"reasons.{key}", $"a reason {problem}"));
            }
        }

        // A changed indicator is given as points, whatever rule fed it before: the reviewer's judgement replaces the record.
        var input = basis.Input;
        var changed = changes.Scores.Keys.ToHashSet(StringComparer.Ordinal);
        var revisedInput = new AssessmentInput(
            input.Scores.Where(s => !changed.Contains(s.Key)).Concat(changes.Scores).ToDictionary(StringComparer.Ordinal),
            input.Counts.Where(c => !changed.Contains(c.Key)).ToDictionary(StringComparer.Ordinal),
            input.Facts.Where(f => !changed.Contains(f.Key)).ToDictionary(StringComparer.Ordinal),
            changes.Vetoes ?? input.Vetoes);

        var scored = Assessor.Score(framework, revisedInput);
        errors.AddRange(scored.Errors);
        if (errors.Count > 0 || scored.Assessment is not { } revised)
        {
            return new(null, [], errors);
        }

        var audit = new List<ScoreAuditRecord>();
        foreach (var id in changes.Scores.Keys.Order(StringComparer.Ordinal))
        {
            decimal? old = basis.IndicatorScores.TryGetValue(id, out var before) ? before : null;
            decimal? now = revised.IndicatorScores.TryGetValue(id, out var after) ? after : null;
            if (old == now)
            {
                continue;
            }

            if (!changes.Reasons.TryGetValue(id, out var reason))
            {
                errors.Add(new($"reasons.{id}", $"'{id}' changes from {old?.ToString() ?? "none"} to {now}: say why"));
                continue;
            }

            audit.Add(new(at, actor, stage, id, old, now, reason));
        }

        if (changes.Vetoes is { } vetoes && !vetoes.Order(StringComparer.Ordinal).SequenceEqual(input.Vetoes.Order(StringComparer.Ordinal)))
        {
            if (!changes.Reasons.TryGetValue(ScoreChanges.VetoReasonKey, out var reason))
            {
                errors.Add(new($"reasons.{ScoreChanges.VetoReasonKey}", "the veto items change: say why"));
            }
            else
            {
                audit.Add(new(at, actor, stage, ScoreChanges.VetoReasonKey, input.Vetoes.Count, vetoes.Count, reason));
            }
        }

        return errors.Count > 0 ? new(null, [], errors) : new(revised, audit, []);
    }

    /// <summary>The audit lines of a self-assessment: every indicator whose points differ from the branch's previous one.</summary>
    public static IReadOnlyList<ScoreAuditRecord> Compare(
        Assessment? previous, Assessment current, IReadOnlyDictionary<string, string> evidence, CampaignStage stage, string actor, DateTimeOffset at)
    {
        var ids = current.IndicatorScores.Keys.Union(previous?.IndicatorScores.Keys ?? []).Order(StringComparer.Ordinal);
        var audit = new List<ScoreAuditRecord>();
        foreach (var id in ids)
        {
            decimal? old = previous is not null && previous.IndicatorScores.TryGetValue(id, out var before) ? before : null;
            decimal? now = current.IndicatorScores.TryGetValue(id, out var after) ? after : null;
            if (old != now)
            {
                audit.Add(new(at, actor, stage, id, old, now, evidence.GetValueOrDefault(id) ?? "自评"));
            }
        }

        return audit;
    }
}
