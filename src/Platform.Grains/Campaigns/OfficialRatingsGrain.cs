using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Grains.Persistence;

namespace Platform.Grains.Campaigns;

/// <inheritdoc cref="IOfficialRatingsGrain"/>
public sealed class OfficialRatingsGrain(
    [PersistentState(StorageNames.OfficialRatings, StorageNames.Provider)] IPersistentState<OfficialRatingsState> store) : Grain, IOfficialRatingsGrain
{
    /// <summary>What the final placed never changes once the campaign is final: read once per activation.</summary>
    private QuotaBasis? _basis;

    public async Task<Outcome<RatingLevel>> Revise(string branchCode, RatingLevel level, bool enforceQuota)
    {
        var (tenant, campaignId, _) = GrainKeys.ParseCampaign(this.GetPrimaryKeyString());
        _basis ??= await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenant, campaignId)).GetQuotaBasis();
        if (_basis is null)
        {
            return Outcome<RatingLevel>.Fail(Failure.Conflict, $"campaign '{campaignId}' is not final: it has set no official rating to change");
        }

        var ratings = new OfficialRatings(_basis.Candidates, _basis.Policy, store.State.Revisions);
        if (enforceQuota && ratings.Check(branchCode, level) is { } refusal)
        {
            return Outcome<RatingLevel>.Refused(refusal);
        }

        if (ratings.LevelOf(branchCode) != level)
        {
            store.State = store.State with { Revisions = ratings.Revise(branchCode, level).Revisions };
            await store.WriteStateAsync();
        }

        return Outcome<RatingLevel>.Ok(level);
    }
}

[GenerateSerializer, Alias("OfficialRatingsState")]
public sealed record OfficialRatingsState
{
    /// <summary>Branch → its official level since a veto event or a correction.</summary>
    [Id(0)] public IReadOnlyDictionary<string, RatingLevel> Revisions { get; init; } = new Dictionary<string, RatingLevel>();
}
