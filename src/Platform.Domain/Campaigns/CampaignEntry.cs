using Platform.Domain.Rollups;
using Platform.Domain.Scoring;
using Platform.Domain.Text;

namespace Platform.Domain.Campaigns;

/// <summary>
/// One branch's part in one campaign (参评记录) and every rule of it: which stage takes which submission, what each
/// may change, that every changed score leaves an audit line (留痕), how a sent-back branch is re-assessed, and what
/// becomes official at final (认定). Immutable: a command returns a new entry, or this one with the reason it was
/// refused, so whoever stores it only loads, calls and writes.
/// </summary>
/// <remarks>Nothing is ever taken away: every self-assessment and review stays in <see cref="Submissions"/>, and the
/// scores that stand are derived from them (<see cref="ReviewedScores"/>, <see cref="Result"/>).</remarks>
[GenerateSerializer, Immutable, Alias("CampaignEntry")]
public sealed partial record CampaignEntry
{
    public const int MaxActorLength = 100;

    /// <summary>Evidence notes (佐证说明) and appeal reasons.</summary>
    public const int MaxNoteLength = 500;

    public const int MaxAppealIndicators = 50;

    /// <summary>The branch's roster line, copied from the campaign on first use.</summary>
    [Id(0)] public RosterBranch? Branch { get; init; }

    /// <summary>The ETag: bumped by every change, so two reviewers cannot overwrite each other unseen.</summary>
    [Id(1)] public int Revision { get; init; }

    /// <summary>Every self-assessment and review, in the order they were made.</summary>
    [Id(2)] public IReadOnlyList<Submission> Submissions { get; init; } = [];

    /// <summary>The notes of the latest self-assessment.</summary>
    [Id(3)] public IReadOnlyDictionary<string, string> Evidence { get; init; } = new Dictionary<string, string>();

    [Id(4)] public CrossCheckRecord? CrossCheck { get; init; }

    /// <summary>When a sampled branch of the same school failed the cross-check and sent this one back; null once it is re-reviewed.</summary>
    [Id(5)] public DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>Sent back and self-assessed again since: it now owes a review, not a self-assessment.</summary>
    [Id(6)] public bool Reassessed { get; init; }

    [Id(7)] public AppealRecord? Appeal { get; init; }

    [Id(8)] public FinalResult? Final { get; init; }

    [Id(9)] public IReadOnlyList<ScoreAuditRecord> Audit { get; init; } = [];

    /// <summary>This branch failed its cross-check and has not yet sent its school's other branches back.</summary>
    [Id(10)] public bool CascadePending { get; init; }

    public Submission? SelfAssessment => Submissions.LastOrDefault(s => s.Kind == SubmissionKind.SelfAssessment);

    public Submission? Review => Submissions.LastOrDefault(s => s.Kind == SubmissionKind.Review);

    /// <summary>The latest self-assessment or review: what the next review revises.</summary>
    public Submission? Latest => Submissions.Count == 0 ? null : Submissions[^1];

    public bool Returned => ReturnedAt is not null;

    /// <summary>Sent back and not yet self-assessed again: it owes a self-assessment.</summary>
    public bool AwaitingReassessment => Returned && !Reassessed;

    /// <summary>The latest reviewed scores: the latest review, or the self-assessment where none was reviewed. A
    /// self-assessment made after a review (a sent-back branch) stands only once it is reviewed in turn.</summary>
    public Submission? ReviewedScores => Review ?? SelfAssessment;

    /// <summary>The score that stands now: the appeal decision, else the cross-check, else the latest reviewed scores.</summary>
    public Submission? Result => Appeal?.Decision?.Result ?? CrossCheck?.Result ?? ReviewedScores;

    /// <summary>What the branch's node takes at final: its result at the rating the quotas left it.</summary>
    public Assessment? Official => Final is { Rating: { } level } final && Result is { } result
        ? result.Assessment with { Rating = level, Compliant = final.Compliant }
        : null;

    private string Code => Branch?.Code ?? "this branch";

    /// <summary>The branch's one-hot contribution to its campaign's progress, derived from this entry alone.</summary>
    public CampaignTally Tally()
    {
        var check = CrossCheck;
        var submitted = SelfAssessment is not null && !AwaitingReassessment;
        var tally = CampaignTally.Pending with
        {
            Submitted = submitted ? 1 : 0,
            Reviewed = submitted && Latest!.Kind == SubmissionKind.Review ? 1 : 0,
            Sampled = check is null ? 0 : 1,
            CrossChecked = check?.Result is null ? 0 : 1,
            FailedCrossCheck = check?.Failed == true ? 1 : 0,
            Returned = Returned ? 1 : 0,
            Appealed = Appeal is null ? 0 : 1,
            AppealsOpen = Appeal is { Decision: null } ? 1 : 0,
            Finalised = Final is null ? 0 : 1,
            GenerositySum = -(check?.Deviation ?? 0m),
        };

        if (Result is not { } result)
        {
            return tally;
        }

        var assessment = result.Assessment;
        var (rating, compliant) = Final is { Rating: { } official } final
            ? (official, final.Compliant)
            : (assessment.Rating, assessment.Compliant);
        return tally + CampaignTally.ForResult(assessment.Total, assessment.Dimensions, rating, compliant);
    }

    /// <summary>The checks every command of a person shares: who acts, a campaign still open, the revision they read.</summary>
    private Refusal? Admit(EntryContext context, bool whileFinalising = false)
    {
        if (TextRules.Problem(context.Actor, MaxActorLength) is { } problem)
        {
            return Refusal.Invalid("actor", $"{problem}: say who is acting, for the audit trail");
        }

        var campaign = context.Campaign;
        if (campaign.Stage == CampaignStage.Final || (campaign.Finalising && !whileFinalising))
        {
            return Refusal.Conflict("the campaign is final (or being made final): its results can no longer change");
        }

        if (Revision > 0 && context.ExpectedRevision is null)
        {
            return new(RefusalKind.PreconditionRequired,
                $"'{Code}' is at revision {Revision} in this campaign; send If-Match: \"{Revision}\"", []);
        }

        return context.ExpectedRevision is { } expected && expected != Revision
            ? new(RefusalKind.PreconditionFailed,
                $"'{Code}' is at revision {Revision}, not {expected}: someone else changed it; read it again", [])
            : null;
    }

    private EntryOutcome Changed(CampaignEntry next) => new(next with { Revision = Revision + 1 }, null);

    private EntryOutcome Refused(Refusal refusal) => new(this, refusal);

    private EntryOutcome Conflict(string detail) => Refused(Refusal.Conflict(detail));

    private EntryOutcome StageConflict(string rule, CampaignStage stage) => Conflict($"{rule}; the campaign is in {stage.ToApiName()}");
}
