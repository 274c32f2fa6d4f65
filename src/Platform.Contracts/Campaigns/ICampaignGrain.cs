using Orleans.Concurrency;
using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>
/// One evaluation campaign (评议评比): its definition, stage, roster and cross-check draw. Keyed by
/// <see cref="GrainKeys.Campaign"/>. Stages move on command or when a deadline reminder fires.
/// </summary>
[Alias("ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Creates the campaign as a draft: the tenant admin's (the caller travels with the call and is the
    /// history's first actor).</summary>
    [Alias("Create")]
    Task<Outcome<CampaignView>> Create(CampaignDefinition definition);

    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<CampaignView?> Get();

    /// <summary>Moves to <paramref name="to"/>, which must be the next stage: the tenant admin's, or a deadline's
    /// (<c>system:deadline</c>). Opening self-assessment fixes the roster;
    /// opening the cross-check draws the sample; final applies quotas and makes every result official.
    /// Re-running final after an interruption finishes the work without counting anything twice.</summary>
    /// <remarks>Final visits every branch inside this one call: 42,000 branches took 28–35 s on two shared cores
    /// (docs/benchmarks-campaign.md), past Orleans' default 30 s, so the caller was told it failed while the grain went on
    /// to finish and its answer was dropped. Ten minutes leaves room for a province several times that size.</remarks>
    [Alias("Advance"), ResponseTimeout("00:10:00")]
    Task<Outcome<CampaignView>> Advance(CampaignStage to);

    /// <summary>The candidates and quotas the final placed, once the campaign is final; null before.</summary>
    [Alias("GetQuotaBasis"), ReadOnly, AlwaysInterleave]
    Task<QuotaBasis?> GetQuotaBasis();

    [Alias("GetStatus"), ReadOnly, AlwaysInterleave]
    Task<CampaignStatus?> GetStatus();

    [Alias("GetBranch"), ReadOnly, AlwaysInterleave]
    Task<RosterBranch?> GetBranch(string branchCode);

    /// <summary>The branches of one school, for the cross-check cascade.</summary>
    [Alias("GetSchoolBranches"), ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<RosterBranch>> GetSchoolBranches(string schoolCode);

    /// <summary>The cross-region draw: which city's reviewers re-score which branch.</summary>
    [Alias("GetAssignments"), ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<CrossCheckAssignment>> GetAssignments();

    /// <summary>The branch's cross-check assignment while it is open (the campaign in crossCheck); null otherwise, or
    /// when the draw did not sample the branch. A reviewer sees an assigned branch only meanwhile.</summary>
    [Alias("GetOpenAssignment"), ReadOnly, AlwaysInterleave]
    Task<CrossCheckAssignment?> GetOpenAssignment(string branchCode);

    [Alias("GetTallyNode"), ReadOnly, AlwaysInterleave]
    Task<TallyNode?> GetTallyNode(string code);

    /// <summary>A page of the roster in a stable order, for listings that visit every branch (the audit).</summary>
    [Alias("ListBranches"), ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<RosterBranch>> ListBranches(int offset, int count);
}
