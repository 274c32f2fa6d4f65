using Orleans.Concurrency;
using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;
using Platform.Domain.Standing;

namespace Platform.Contracts.Hierarchy;

/// <summary>
/// One node of a tenant's hierarchy: a region, a school or a Party organisation. Keyed by <see cref="GrainKeys.Node"/>.
/// It owns its definition and (for a branch) its assessment, keeps a ledger of its children's rollups, and reports
/// its own rollup to its parent, coalesced so a burst below becomes one report above.
/// </summary>
[Alias("INodeGrain")]
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates or updates the node (import, 升格, rename, re-parent). Idempotent: the same definition again is
    /// <see cref="NodeChange.Unchanged"/>. An import passes the <paramref name="children"/> it is about to define
    /// under this node, so they are attached in this node's own write rather than one write each.
    /// </summary>
    /// <remarks>Like every command that changes official data here, it checks the caller that travels with the call
    /// (<see cref="Platform.Contracts.Identity.CallerContext"/>, see <c>AccessRules</c>): none, another tenant's, or a role that may not is
    /// refused with <see cref="Failure.Forbidden"/>; a node outside the caller's scope answers
    /// <see cref="Failure.NotFound"/>, as one that does not exist. Audit lines name that caller.</remarks>
    [Alias("Define")]
    Task<Outcome<NodeChange>> Define(NodeDefinition definition, IReadOnlyList<NodeDefinition>? children = null);

    /// <summary>Re-parents the node (理顺隶属关系); every ancestor, old and new, stays exact. A region admin moves only
    /// inside its subtree: the node and its new parent must both lie in it.</summary>
    /// <param name="expectedRevision">The revision the caller read (If-Match); a stale one is refused. Null skips the
    /// check, for callers inside the platform that hold no revision.</param>
    [Alias("Move")]
    Task<Outcome<NodeInfo>> Move(string newParentCode, int? expectedRevision = null);

    /// <summary>Closes the node (a school merged away, a branch dissolved). It must have no open children.</summary>
    [Alias("Close")]
    Task<Outcome<NodeInfo>> Close(int? expectedRevision = null);

    [Alias("GetView"), ReadOnly, AlwaysInterleave]
    Task<NodeView?> GetView(ChildrenQuery query);

    [Alias("GetSummary"), ReadOnly, AlwaysInterleave]
    Task<SummaryView?> GetSummary();

    [Alias("GetAssessment"), ReadOnly, AlwaysInterleave]
    Task<Outcome<AssessmentView>> GetAssessment();

    /// <summary>Every change to the branch's standing rating, oldest first (评定变更留痕).</summary>
    [Alias("GetRatingHistory"), ReadOnly, AlwaysInterleave]
    Task<Outcome<IReadOnlyList<RatingChange>>> GetRatingHistory();

    /// <summary>Records a baseline assessment, scored on the current framework version: only while no campaign's final
    /// has rated the branch. <paramref name="expectedRevision"/> is the If-Match revision, required once one exists.</summary>
    [Alias("PutAssessment")]
    Task<Outcome<AssessmentView>> PutAssessment(AssessmentInput input, int? expectedRevision);

    /// <summary>Makes a campaign's official result (认定) the branch's standing rating. Idempotent per campaign: the
    /// node remembers the campaign it took its rating from, so a finalisation re-run never counts twice.</summary>
    /// <param name="reason">Why the rating is what it is, for the audit line (e.g. the quota that demoted it).</param>
    /// <remarks>Only the platform's own work (final's fan-out, <c>system:final</c>) may call it.</remarks>
    [Alias("ApplyCampaignResult")]
    Task<Outcome<AssessmentView>> ApplyCampaignResult(string campaignId, Assessment official, string reason);

    /// <summary>A veto event during the year (一票否决): the standing rating drops at once to the veto's cap.</summary>
    [Alias("ApplyVeto")]
    Task<Outcome<AssessmentView>> ApplyVeto(string vetoId, string reason, int? expectedRevision);

    /// <summary>A tenant admin's correction of the standing rating (更正): changed indicators with a reason each, and an
    /// overall reason. Refused when it would put a quota region over the seats of the campaign that set the rating.</summary>
    [Alias("CorrectAssessment")]
    Task<Outcome<AssessmentView>> CorrectAssessment(ScoreChanges changes, string reason, int? expectedRevision);

    /// <summary>The node's open children as it holds them: code, kind and name (and rollup).</summary>
    [Alias("GetChildren"), ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<ChildRollup>> GetChildren();

    // The hierarchy protocol between nodes. These interleave with a node's own commands: they touch only the ledger,
    // and a parent and child may be calling each other at the same moment (a child reporting while its parent rebuilds).

    /// <summary>Takes a new child. Fails when this node does not exist or cannot hold a child of that kind.</summary>
    [Alias("AttachChild"), AlwaysInterleave]
    Task<Outcome<string>> AttachChild(string code, NodeKind kind, string name);

    [Alias("DetachChild"), AlwaysInterleave]
    Task DetachChild(string code);

    /// <summary>A child's rollup; applied only when newer than the one held.</summary>
    /// <param name="changedAt">When the oldest change the report carries was made, at the node where it was made (for
    /// the propagation lag the regions measure); null when not known, e.g. a report resent after a reactivation.</param>
    [Alias("ReportChild"), AlwaysInterleave]
    Task ReportChild(ChildRollup report, DateTimeOffset? changedAt = null);

    /// <summary>Sends a pending report to the parent now, whatever the rate limit; the silo's drain calls it before a
    /// graceful stop.</summary>
    [Alias("FlushReport")]
    Task FlushReport();

    /// <summary>This node's durable rollup, for a parent rebuilding its ledger.</summary>
    [Alias("Probe"), ReadOnly, AlwaysInterleave]
    Task<RollupProbe> Probe();

    /// <summary>A joint branch starts or stops covering this school.</summary>
    [Alias("SetCoverage"), AlwaysInterleave]
    Task<Outcome<string>> SetCoverage(string jointBranchCode, bool covers);
}
