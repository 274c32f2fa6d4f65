using Platform.Domain.Hierarchy;
using Platform.Domain.Text;

namespace Platform.Domain.Campaigns;

/// <summary>Appeals (申诉) during publicity (公示), and their decision.</summary>
public sealed partial record CampaignEntry
{
    /// <summary>The branch disputes its published result, once, naming the indicators and why.</summary>
    public EntryOutcome RaiseAppeal(AppealRequest appeal, EntryContext context)
    {
        if (Admit(context) is { } refusal)
        {
            return Refused(refusal);
        }

        var stage = context.Campaign.Stage;
        if (stage != CampaignStage.Publicity)
        {
            return StageConflict("appeals are taken only while results are on public display (公示)", stage);
        }

        if (context.Campaign.AppealsClosed)
        {
            return Conflict("the campaign is checking whether its results can become final, and takes no appeal meanwhile;" +
                " if it stays in publicity (公示), appeal again in a moment");
        }

        if (Result is null)
        {
            return Conflict($"'{Code}' has no result to appeal against");
        }

        if (Appeal is not null)
        {
            return Conflict($"'{Code}' has already appealed; a branch appeals once per campaign");
        }

        var errors = new List<FieldError>();
        if (appeal.Indicators.Count is 0 or > MaxAppealIndicators)
        {
            errors.Add(new("indicators", $"name between 1 and {MaxAppealIndicators} disputed indicators"));
        }

        for (var i = 0; i < appeal.Indicators.Count; i++)
        {
            var id = appeal.Indicators[i];
            if (id != ScoreChanges.VetoReasonKey && context.Framework.FindIndicator(id) is null)
            {
                errors.Add(new($"indicators[{i}]", $"'{id}' is not an indicator of framework version {context.Framework.Version}"));
            }
        }

        if (TextRules.Problem(appeal.Reason, MaxNoteLength, TextShape.MultiLine) is { } problem)
        {
            errors.Add(new("reason", $"{problem}: say why the result is wrong"));
        }

        return errors.Count > 0
            ? Refused(Refusal.Invalid(errors))
            : Changed(this with { Appeal = new AppealRecord(appeal.Indicators, appeal.Reason, context.Now, context.Actor, null) });
    }

    /// <summary>The final decision on an appeal: upheld with corrected scores (each change audited against the result it
    /// corrects), or rejected, changing nothing. Taken while the campaign is being finalised too, because an appeal that
    /// slipped in just before final closed appeals holds its branch back until it is decided.</summary>
    public EntryOutcome DecideAppeal(AppealRuling ruling, EntryContext context)
    {
        if (Admit(context, whileFinalising: true) is { } refusal)
        {
            return Refused(refusal);
        }

        var stage = context.Campaign.Stage;
        if (stage != CampaignStage.Publicity)
        {
            return StageConflict("appeals are decided during publicity, before the results become final", stage);
        }

        if (Appeal is not { } appeal)
        {
            return Refused(new(RefusalKind.NotFound, $"'{Code}' has not appealed", []));
        }

        if (appeal.Decision is not null)
        {
            return Conflict($"the appeal of '{Code}' has been decided, and the decision is final");
        }

        var errors = new List<FieldError>();
        if (TextRules.Problem(ruling.Reason, MaxNoteLength, TextShape.MultiLine) is { } problem)
        {
            errors.Add(new("reason", $"{problem}: give the reason for the decision"));
        }

        if (!ruling.Upheld && (ruling.Changes.Scores.Count > 0 || ruling.Changes.Vetoes is not null))
        {
            errors.Add(new("changes", "a rejected appeal changes no score; uphold it to change scores"));
        }

        Submission? corrected = null;
        IReadOnlyList<ScoreAuditRecord> audit = [];
        if (errors.Count == 0 && ruling.Upheld)
        {
            var revised = ScoreRevision.Apply(context.Framework, Result!.Assessment, ruling.Changes, stage, context.Actor, context.Now);
            errors.AddRange(revised.Errors);
            corrected = revised.Assessment is { } assessment
                ? new Submission(assessment, context.Now, context.Actor, SubmissionKind.AppealDecision)
                : null;
            audit = revised.Audit;
        }

        if (errors.Count > 0)
        {
            return Refused(Refusal.Invalid(errors));
        }

        return Changed(this with
        {
            Appeal = appeal with { Decision = new AppealDecision(ruling.Upheld, ruling.Reason, corrected, context.Now, context.Actor) },
            Audit = [.. Audit, .. audit],
        });
    }
}
