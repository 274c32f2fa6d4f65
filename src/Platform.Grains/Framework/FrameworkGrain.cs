using Platform.Contracts;
using Platform.Contracts.Framework;
using Platform.Domain.Framework;
using Platform.Grains.Persistence;

namespace Platform.Grains.Framework;

/// <inheritdoc cref="IFrameworkGrain"/>
public sealed class FrameworkGrain(
    [PersistentState(StorageNames.Framework, StorageNames.Provider)] IPersistentState<FrameworkState> store,
    FrameworkCatalog catalog,
    TimeProvider time) : Grain, IFrameworkGrain
{
    private IReadOnlyList<FrameworkVersion> Versions => store.State.Versions;

    public Task<FrameworkVersion?> GetCurrent() => Task.FromResult(Versions.Count == 0 ? null : Versions[^1]);

    public Task<FrameworkVersion?> GetVersion(int version) =>
        Task.FromResult(Versions.FirstOrDefault(v => v.Version == version));

    public Task<IReadOnlyList<FrameworkVersion>> ListVersions() => Task.FromResult(Versions);

    public async Task<Outcome<FrameworkVersion>> Publish(FrameworkVersion draft)
    {
        var errors = FrameworkRules.Validate(draft);
        if (errors.Count > 0)
        {
            return Outcome<FrameworkVersion>.Invalid(errors);
        }

        var published = draft with { Version = Versions.Count + 1, PublishedAt = time.GetUtcNow() };
        store.State = store.State with { Versions = [.. Versions, published] };
        await store.WriteStateAsync();
        catalog.Published(GrainKeys.TenantOf(this.GetPrimaryKeyString()), published);
        return Outcome<FrameworkVersion>.Ok(published);
    }
}
