using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Domain.Text;

namespace Platform.Domain.Campaigns;

/// <summary>Self-assessment (自评), review (审核) and the cross-region check (交叉检查).</summary>
public sealed partial record CampaignEntry
{
    /// <summary>The branch scores itself, with evidence notes. Revisable while self-assessment is open; a branch sent back
    /// for re-assessment submits again during the cross-check. Every indicator whose points differ from the scores it
    /// replaces (the latest self-assessment or review) is audited.</summary>
    public EntryOutcome SubmitSelfAssessment(SelfAssessmentInput submission, EntryContext context)
    {
        if (Admit(context) is { } refusal)
        {
            return Refused(refusal);
        }

        var stage = context.Campaign.Stage;
        var reassessing = stage == CampaignStage.CrossCheck && Returned;
        if (stage != CampaignStage.SelfAssessment && !reassessing)
        {
            return StageConflict("self-assessments are taken while the campaign is in self-assessment" +
                " (or, for a branch sent back, in the cross-region check)", stage);
        }

        var errors = new List<FieldError>();
        foreach (var (id, note) in submission.Evidence)
        {
            if (context.Framework.FindIndicator(id) is null)
            {
                errors.Add(new($"evidence.{id}", $"'{id}' is not an indicator of framework version {context.Framework.Version}"));
            }
            else if (TextRules.Problem(note, MaxNoteLength, TextShape.MultiLine) is { } problem)
            {
                errors.Add(new($"evidence.{id}", $"a note {problem}"));
            }
        }

        var scored = Assessor.Score(context.Framework, submission.Input);
        errors.AddRange(scored.Errors);
        if (errors.Count > 0)
        {
            return Refused(Refusal.Invalid(errors));
        }

        var assessment = scored.Assessment!;
        var audit = ScoreRevision.Compare(Latest?.Assessment, assessment, submission.Evidence, stage, context.Actor, context.Now);
        return Changed(this with
        {
            Submissions = [.. Submissions, new Submission(assessment, context.Now, context.Actor, SubmissionKind.SelfAssessment)],
            Evidence = submission.Evidence,
            Reassessed = Reassessed || reassessing,
            Audit = [.. Audit, .. audit],
        });
    }

    /// <summary>The supervising region revises the latest scores: the previous review, or the self-assessment submitted
    /// since (a first review, or a sent-back branch's re-assessment). Every changed indicator needs a reason and is
    /// audited against the value it replaces.</summary>
    public EntryOutcome SubmitReview(ScoreChanges changes, EntryContext context)
    {
        if (Admit(context) is { } refusal)
        {
            return Refused(refusal);
        }

        var stage = context.Campaign.Stage;
        if (Latest is not { } basis)
        {
            return Conflict($"'{Code}' has not submitted a self-assessment to review");
        }

        var reReview = stage == CampaignStage.CrossCheck && Returned;
        if (stage != CampaignStage.Review && !reReview)
        {
            return StageConflict("reviews are taken while the campaign is in review" +
                " (or, for a branch sent back, in the cross-region check)", stage);
        }

        if (reReview && !Reassessed)
        {
            return Conflict($"'{Code}' was sent back for re-assessment: it must submit a new self-assessment before it is reviewed again");
        }

        var revised = ScoreRevision.Apply(context.Framework, basis.Assessment, changes, stage, context.Actor, context.Now);
        if (!revised.Succeeded)
        {
            return Refused(Refusal.Invalid(revised.Errors));
        }

        return Changed(this with
        {
            Submissions = [.. Submissions, new Submission(revised.Assessment!, context.Now, context.Actor, SubmissionKind.Review)],
            ReturnedAt = null,
            Reassessed = false,
            Audit = [.. Audit, .. revised.Audit],
        });
    }

    /// <summary>The city assigned by the draw re-scores a sampled branch. A second check revises the first; both are
    /// measured against the latest reviewed scores, and a check that takes a passing branch below 达标 fails it, which
    /// (with the cascade on) sends the school's other passing branches back.</summary>
    public EntryOutcome SubmitCrossCheck(ScoreChanges changes, string reviewerCity, EntryContext context)
    {
        if (Admit(context) is { } refusal)
        {
            return Refused(refusal);
        }

        var stage = context.Campaign.Stage;
        if (stage != CampaignStage.CrossCheck)
        {
            return StageConflict("cross-check scores are taken while the campaign is in the cross-region check", stage);
        }

        if (CrossCheck is not { } check || ReviewedScores is not { } reviewed)
        {
            return Conflict($"'{Code}' was not drawn for the cross-region check");
        }

        if (reviewerCity != check.ReviewerCity)
        {
            return Refused(Refusal.Invalid("reviewerCity",
                $"'{Code}' is assigned to the reviewers of city '{check.ReviewerCity}', not '{reviewerCity}'"));
        }

        var basis = check.Result ?? reviewed;
        var revised = ScoreRevision.Apply(context.Framework, basis.Assessment, changes, stage, context.Actor, context.Now);
        if (!revised.Succeeded)
        {
            return Refused(Refusal.Invalid(revised.Errors));
        }

        var result = revised.Assessment!;
        var failed = reviewed.Assessment.Compliant && !result.Compliant;
        var cascade = failed && !check.Failed && context.Campaign.CascadeOnFailure;
        return Changed(this with
        {
            CrossCheck = check with
            {
                Result = new Submission(result, context.Now, context.Actor, SubmissionKind.CrossCheck),
                Deviation = result.Total - reviewed.Assessment.Total,
                Failed = failed,
            },
            CascadePending = CascadePending || cascade,
            Audit = [.. Audit, .. revised.Audit],
        });
    }
}
