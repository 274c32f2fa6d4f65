using Platform.Domain.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>
/// What the quotas (名额) were applied to at final: each rated branch's region, total, tie-break and earned level, stored
/// before any result becomes official. <see cref="RatingQuotas.Apply"/> over them gives every branch's official rating,
/// so a re-run, and later a quota check on a correction, sees what final saw. A state of its own, like the roster.
/// </summary>
[GenerateSerializer, Alias("CampaignResultsState")]
public sealed record CampaignResultsState
{
    [Id(0)] public IReadOnlyList<QuotaCandidate> Candidates { get; init; } = [];
}
