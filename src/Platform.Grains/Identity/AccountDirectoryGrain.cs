using Platform.Contracts.Identity;
using Platform.Grains.Persistence;

namespace Platform.Grains.Identity;

/// <inheritdoc cref="IAccountDirectoryGrain"/>
public sealed class AccountDirectoryGrain(
    [PersistentState(StorageNames.AccountDirectory, StorageNames.Provider)] IPersistentState<AccountDirectoryState> store)
    : Grain, IAccountDirectoryGrain
{
    public async Task Add(IReadOnlyList<AccountEntry> entries)
    {
        var known = store.State.Entries.Select(e => e.Username).ToHashSet(StringComparer.Ordinal);
        var added = entries.Where(e => known.Add(e.Username)).ToList();
        if (added.Count == 0)
        {
            return;
        }

        store.State = store.State with
        {
            Entries = [.. store.State.Entries.Concat(added).OrderBy(e => e.Username, StringComparer.Ordinal)],
        };
        await store.WriteStateAsync();
    }

    public Task<IReadOnlyList<AccountEntry>> List() => Task.FromResult(store.State.Entries);
}
