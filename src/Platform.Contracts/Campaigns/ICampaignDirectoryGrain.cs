using Orleans.Concurrency;

namespace Platform.Contracts.Campaigns;

/// <summary>A tenant's list of campaigns and the source of their ids. Keyed by <see cref="GrainKeys.CampaignDirectory"/>.</summary>
[Alias("ICampaignDirectoryGrain")]
public interface ICampaignDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The next campaign id: "c1", "c2", … in creation order, never reused.</summary>
    [Alias("NextId")]
    Task<string> NextId();

    [Alias("Upsert")]
    Task Upsert(CampaignSummary summary);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<CampaignSummary>> List();
}
