using Platform.Contracts.Startup;
using Platform.Grains.Persistence;

namespace Platform.Grains.Startup;

/// <inheritdoc cref="IFirstStartGrain"/>
public sealed class FirstStartGrain(
    [PersistentState(StorageNames.FirstStart, StorageNames.Provider)] IPersistentState<FirstStartState> store, TimeProvider time)
    : Grain, IFirstStartGrain
{
    public async Task<FirstStartClaim> Claim(string holder, TimeSpan lease)
    {
        var claim = Current;
        var now = time.GetUtcNow();
        if (claim.Done || (claim.Holder is not null && !claim.IsHeldBy(holder) && claim.LeaseExpires > now))
        {
            return claim;
        }

        await WriteAsync(new FirstStartState { Holder = holder, LeaseExpires = now + lease });
        return Current;
    }

    public async Task<bool> Complete(string holder)
    {
        if (Current.Done)
        {
            return true;
        }

        if (!Current.IsHeldBy(holder))
        {
            return false;
        }

        await WriteAsync(new FirstStartState { Done = true, Holder = holder });
        return true;
    }

    public async Task Release(string holder)
    {
        if (Current.IsHeldBy(holder))
        {
            await WriteAsync(new FirstStartState());
        }
    }

    public Task<FirstStartClaim> Status() => Task.FromResult(Current);

    private FirstStartClaim Current => new(store.State.Done, store.State.Holder, store.State.LeaseExpires);

    private Task WriteAsync(FirstStartState state)
    {
        store.State = state;
        return store.WriteStateAsync();
    }
}
