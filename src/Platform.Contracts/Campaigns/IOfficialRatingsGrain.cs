using Platform.Domain.Framework;

namespace Platform.Contracts.Campaigns;

/// <summary>
/// The official ratings a final campaign set, and every change to them since, counted per quota region. Keyed by
/// <see cref="GrainKeys.OfficialRatings"/>. Changes pass through one grain per campaign, so two corrections in one
/// region cannot both take its last seat.
/// </summary>
[Alias("IOfficialRatingsGrain")]
public interface IOfficialRatingsGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="branchCode"/>'s new official level. With <paramref name="enforceQuota"/>, refused
    /// when it would put the branch's quota region over this campaign's seats at that level; a veto event lowers a
    /// rating at once whatever the seats, and is recorded without the check.</summary>
    [Alias("Revise")]
    Task<Outcome<RatingLevel>> Revise(string branchCode, RatingLevel level, bool enforceQuota);
}
