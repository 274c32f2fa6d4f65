using Orleans.Concurrency;
using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>
/// One branch's part in one campaign. Keyed by <see cref="GrainKeys.CampaignEntry"/>. Every command checks the
/// campaign's stage, takes the If-Match revision, keeps an audit line per changed score, and reports the branch's
/// tally to its school's (or region's) progress.
/// </summary>
/// <remarks>Every command checks the caller that travels with it (<see cref="Platform.Contracts.Identity.CallerContext"/>) against where
/// the roster placed the branch: its own secretary self-assesses and appeals; a tenant admin, or a region admin of its
/// supervising region, county or city, reviews and decides appeals; a reviewer of the city the draw assigned it
/// cross-checks, as that city. The audit names the caller.</remarks>
[Alias("ICampaignEntryGrain")]
public interface ICampaignEntryGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<Outcome<EntryView>> Get();

    [Alias("GetAudit"), ReadOnly, AlwaysInterleave]
    Task<Outcome<IReadOnlyList<ScoreAuditRecord>>> GetAudit();

    [Alias("SubmitSelfAssessment")]
    Task<Outcome<EntryView>> SubmitSelfAssessment(SelfAssessmentInput submission, int? expectedRevision);

    [Alias("SubmitReview")]
    Task<Outcome<EntryView>> SubmitReview(ScoreChanges changes, int? expectedRevision);

    /// <summary>The cross-check, by a reviewer of the city the draw assigned the branch to (the caller's scope).</summary>
    [Alias("SubmitCrossCheck")]
    Task<Outcome<EntryView>> SubmitCrossCheck(ScoreChanges changes, int? expectedRevision);

    [Alias("Appeal")]
    Task<Outcome<EntryView>> Appeal(AppealRequest appeal, int? expectedRevision);

    [Alias("DecideAppeal")]
    Task<Outcome<EntryView>> DecideAppeal(AppealRuling ruling, int? expectedRevision);

    /// <summary>The draw picked this branch; <paramref name="reviewerCity"/> re-scores it. Idempotent.</summary>
    [Alias("MarkSampled")]
    Task MarkSampled(string reviewerCity);

    /// <summary>A sampled branch of the same school failed the cross-check: a passing result goes back for
    /// re-assessment. Interleaves, because two failing siblings may send each other back at the same moment.</summary>
    [Alias("SendBack"), AlwaysInterleave]
    Task SendBack(string failedBranchCode);

    /// <summary>Makes the result official where the quotas placed it (null: no result to place), audits each quota
    /// demotion as the caller's, and moves the result into the standing hierarchy. Idempotent: a second call, after an
    /// interruption or not, changes nothing. Only the platform's own work (final's fan-out, <c>system:final</c>) may call it.</summary>
    [Alias("Finalise")]
    Task<Outcome<FinalResult>> Finalise(QuotaPlacement? placement);

    [Alias("Probe"), ReadOnly, AlwaysInterleave]
    Task<TallyChild> Probe();
}
