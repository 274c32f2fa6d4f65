using Orleans.Concurrency;
using Platform.Domain.Campaigns;

namespace Platform.Contracts.Campaigns;

/// <summary>
/// A school's or region's live campaign progress: the exact sum of its children's tallies, kept by the same versioned,
/// coalesced report protocol as the hierarchy's rollups. Keyed by <see cref="GrainKeys.CampaignTally"/>. Holds nothing
/// in storage: on activation it rebuilds from its children, whose entries are the durable truth.
/// </summary>
[Alias("ICampaignTallyGrain")]
public interface ICampaignTallyGrain : IGrainWithStringKey
{
    [Alias("GetView"), ReadOnly, AlwaysInterleave]
    Task<TallyView?> GetView();

    [Alias("ReportChild"), AlwaysInterleave]
    Task ReportChild(TallyChild report);

    [Alias("Probe"), ReadOnly, AlwaysInterleave]
    Task<TallyChild> Probe();
}
