using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>What every command on a <see cref="CampaignEntry"/> is judged against: the campaign as it stands, its pinned
/// framework version, who acts, the revision they read (If-Match), and the time.</summary>
public sealed record EntryContext(CampaignStatus Campaign, FrameworkVersion Framework, string Actor, int? ExpectedRevision, DateTimeOffset Now);
