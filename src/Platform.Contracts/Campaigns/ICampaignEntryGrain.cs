using Orleans.Concurrency;
using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>
/// One branch's part in one campaign. Keyed by <see cref="GrainKeys.CampaignEntry"/>. Every command checks the
/// campaign's stage, takes the If-Match revision, keeps an audit line per changed score, and reports the branch's
/// tally to its school's (or region's) progress.
/// </summary>
[Alias("ICampaignEntryGrain")]
public interface ICampaignEntryGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<Outcome<EntryView>> Get();

    [Alias("GetAudit"), ReadOnly, AlwaysInterleave]
    Task<Outcome<IReadOnlyList<ScoreAuditRecord>>> GetAudit();

    [Alias("SubmitSelfAssessment")]
    Task<Outcome<EntryView>> SubmitSelfAssessment(SelfAssessmentInput submission, string actor, int? expectedRevision);

    [Alias("SubmitReview")]
    Task<Outcome<EntryView>> SubmitReview(ScoreChanges changes, string actor, int? expectedRevision);

    [Alias("SubmitCrossCheck")]
    Task<Outcome<EntryView>> SubmitCrossCheck(ScoreChanges changes, string reviewerCity, string actor, int? expectedRevision);

    [Alias("Appeal")]
    Task<Outcome<EntryView>> Appeal(AppealRequest appeal, string actor, int? expectedRevision);

    [Alias("DecideAppeal")]
    Task<Outcome<EntryView>> DecideAppeal(AppealRuling ruling, string actor, int? expectedRevision);

    /// <summary>The draw picked this branch; <paramref name="reviewerCity"/> re-scores it. Idempotent.</summary>
    [Alias("MarkSampled")]
    Task MarkSampled(string reviewerCity);

    /// <summary>A sampled branch of the same school failed the cross-check: a passing result goes back for
    /// re-assessment. Interleaves, because two failing siblings may send each other back at the same moment.</summary>
    [Alias("SendBack"), AlwaysInterleave]
    Task SendBack(string failedBranchCode);

    /// <summary>Makes the result official where the quotas placed it (null: no result to place), audits each quota
    /// demotion as <paramref name="actor"/>'s, and moves the result into the standing hierarchy. Idempotent: a second
    /// call, after an interruption or not, changes nothing.</summary>
    [Alias("Finalise")]
    Task<Outcome<FinalResult>> Finalise(QuotaPlacement? placement, string actor);

    [Alias("Probe"), ReadOnly, AlwaysInterleave]
    Task<TallyChild> Probe();
}
