using Platform.Contracts;
using Platform.Contracts.Framework;
using Platform.Domain.Framework;
using Platform.Domain.Identity;
using Platform.Grains.Identity;
using Platform.Grains.Persistence;

namespace Platform.Grains.Framework;

/// <summary>
/// <inheritdoc cref="IFrameworkGrain"/>
/// Its own record is the list of summaries, a few dozen bytes per version; the current version is held in memory
/// because every silo's <see cref="FrameworkCatalog"/> asks for it once a second.
/// </summary>
public sealed class FrameworkGrain(
    [PersistentState(StorageNames.Framework, StorageNames.Provider)] IPersistentState<FrameworkState> store,
    FrameworkCatalog catalog,
    TimeProvider time) : Grain, IFrameworkGrain
{
    private string _tenant = "";
    private FrameworkVersion? _current;

    private IReadOnlyList<FrameworkVersionSummary> Published => store.State.Published;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenant = GrainKeys.TenantOf(this.GetPrimaryKeyString());
        if (store.State.Versions.Count > 0)
        {
            await MoveVersionsToTheirOwnRecordsAsync();
        }

        if (Published.Count > 0)
        {
            _current = await Version(Published[^1].Version).Get()
                ?? throw new InvalidOperationException($"framework version {Published[^1].Version} of '{_tenant}' is listed but not stored");
        }
    }

    public Task<FrameworkVersion?> GetCurrent()
    {
        ForgetIfEmpty();
        return Task.FromResult(_current);
    }

    public async Task<FrameworkVersion?> GetVersion(int version)
    {
        ForgetIfEmpty();
        if (version == _current?.Version)
        {
            return _current;
        }

        // Only listed versions: a record left by a publish that failed before listing it was never published.
        return version >= 1 && version <= Published.Count ? await Version(version).Get() : null;
    }

    public Task<IReadOnlyList<FrameworkVersionSummary>> ListVersions()
    {
        ForgetIfEmpty();
        return Task.FromResult(Published);
    }

    public async Task<Outcome<FrameworkVersion>> Publish(FrameworkVersion draft, int? expectedVersion)
    {
        var admission = Admission.Of(_tenant, Operation.PublishFramework);
        if (!admission.Admitted)
        {
            ForgetIfEmpty();
            return admission.Refused<FrameworkVersion>();
        }

        var current = Published.Count;
        if (current > 0 && expectedVersion is null)
        {
            return Outcome<FrameworkVersion>.Fail(Failure.PreconditionRequired,
                $"version {current} is current; send If-Match: \"{current}\" (the version your draft starts from) to publish the next");
        }

        if (expectedVersion is { } expected && expected != current)
        {
            return Outcome<FrameworkVersion>.Fail(Failure.PreconditionFailed,
                $"version {current} is current, not {expected}: someone published since you read it; start again from version {current}");
        }

        // The tenant's scheme is that of its first version: the tenant grain publishes it in the scheme it records,
        // and neither ever changes.
        var errors = FrameworkRules.Validate(draft, current > 0 ? Published[0].Scheme : null);
        if (errors.Count > 0)
        {
            return Outcome<FrameworkVersion>.Invalid(errors);
        }

        var published = draft with { Version = current + 1, PublishedAt = time.GetUtcNow() };
        await Version(published.Version).Store(published);
        await SaveAsync(store.State with { Published = [.. Published, FrameworkVersionSummary.Of(published)] });
        _current = published;
        catalog.Published(_tenant, published);
        return Outcome<FrameworkVersion>.Ok(published);
    }

    /// <summary>
    /// Moves versions stored the old way, all in this grain's record, into one record each, then empties the old list.
    /// Stored before listed, as in <see cref="Publish"/>, so an interruption leaves the old list to move again.
    /// </summary>
    private async Task MoveVersionsToTheirOwnRecordsAsync()
    {
        foreach (var version in store.State.Versions)
        {
            await Version(version.Version).Store(version);
        }

        await SaveAsync(new FrameworkState { Published = store.State.Versions.Select(FrameworkVersionSummary.Of).ToArray() });
    }

    private async Task SaveAsync(FrameworkState state)
    {
        store.State = state;
        try
        {
            await store.WriteStateAsync();
        }
        catch
        {
            // What is stored is unknown now (a concurrent writer, a lost connection): start again from storage.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>A tenant with no version yet (an unknown tenant's, or one being created): nothing to keep in memory.</summary>
    private void ForgetIfEmpty()
    {
        if (Published.Count == 0)
        {
            DeactivateOnIdle();
        }
    }

    private IFrameworkVersionGrain Version(int version) =>
        GrainFactory.GetGrain<IFrameworkVersionGrain>(GrainKeys.FrameworkVersion(_tenant, version));
}
