using Platform.Contracts.Hierarchy;
using Platform.Domain.Standing;
using Platform.Grains.Persistence;

namespace Platform.Grains.Hierarchy;

/// <inheritdoc cref="IRatingHistoryPageGrain"/>
public sealed class RatingHistoryPageGrain(
    [PersistentState(StorageNames.RatingHistoryPage, StorageNames.Provider)] IPersistentState<RatingHistoryPageState> store) : Grain, IRatingHistoryPageGrain
{
    public async Task Store(IReadOnlyList<RatingChange> lines)
    {
        store.State = new RatingHistoryPageState { Lines = lines };
        await store.WriteStateAsync();
    }

    public Task<IReadOnlyList<RatingChange>> Get() => Task.FromResult(store.State.Lines);
}

[GenerateSerializer, Alias("RatingHistoryPageState")]
public sealed record RatingHistoryPageState
{
    [Id(0)] public IReadOnlyList<RatingChange> Lines { get; init; } = [];
}
