using Platform.Contracts.Campaigns;
using Platform.Grains.Persistence;

namespace Platform.Grains.Campaigns;

/// <inheritdoc cref="ICampaignDirectoryGrain"/>
public sealed class CampaignDirectoryGrain(
    [PersistentState(StorageNames.CampaignDirectory, StorageNames.Provider)] IPersistentState<CampaignDirectoryState> store)
    : Grain, ICampaignDirectoryGrain
{
    public async Task<string> NextId()
    {
        store.State = store.State with { LastNumber = store.State.LastNumber + 1 };
        await store.WriteStateAsync();
        return $"c{store.State.LastNumber}";
    }

    public async Task Upsert(CampaignSummary summary)
    {
        var others = store.State.Campaigns.Where(c => c.Id != summary.Id);
        store.State = store.State with { Campaigns = [.. others, summary] };
        await store.WriteStateAsync();
    }

    public Task<IReadOnlyList<CampaignSummary>> List() =>
        Task.FromResult<IReadOnlyList<CampaignSummary>>(store.State.Campaigns.OrderBy(c => c.CreatedAt).ToArray());
}
