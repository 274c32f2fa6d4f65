using Platform.Contracts;
using Platform.Contracts.Framework;
using Platform.Contracts.Tenancy;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Grains.Persistence;

namespace Platform.Grains.Tenancy;

/// <inheritdoc cref="ITenantGrain"/>
public sealed class TenantGrain(
    [PersistentState(StorageNames.Tenant, StorageNames.Provider)] IPersistentState<TenantState> store,
    TimeProvider time) : Grain, ITenantGrain
{
    private string Id => GrainKeys.TenantOf(this.GetPrimaryKeyString());

    private ITenantRegistryGrain Registry => GrainFactory.GetGrain<ITenantRegistryGrain>(GrainKeys.TenantRegistry);

    /// <summary>A tenant created before the registry existed joins it the first time it is loaded.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        store.State.Info is null ? Task.CompletedTask : Registry.Register(Id);

    public Task<TenantInfo?> Get() => Task.FromResult(store.State.Info);

    public async Task<Outcome<TenantInfo>> Upsert(string name, RatingScheme scheme, int? minimumPublicityDays = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return Outcome<TenantInfo>.Invalid("name", "is required and at most 100 characters");
        }

        if (minimumPublicityDays is { } days && PublicityPeriod.Problem(days) is { } problem)
        {
            return Outcome<TenantInfo>.Invalid("minimumPublicityDays", problem);
        }

        if (store.State.Info is { } existing)
        {
            var changed = existing with { Name = name, MinimumPublicityDays = minimumPublicityDays ?? existing.MinimumPublicityDays };
            return changed == existing ? Outcome<TenantInfo>.Ok(existing) : await SaveAsync(changed);
        }

        // The framework first: a tenant that exists always has a version to score with.
        var framework = GrainFactory.GetGrain<IFrameworkGrain>(GrainKeys.Framework(Id));
        if (await framework.GetCurrent() is null)
        {
            var published = await framework.Publish(DefaultFrameworks.Create(scheme, 1, time.GetUtcNow()));
            if (!published.Succeeded)
            {
                return published.As<TenantInfo>();
            }
        }

        await Registry.Register(Id);
        return await SaveAsync(new TenantInfo(Id, name, null, scheme, time.GetUtcNow())
        {
            MinimumPublicityDays = minimumPublicityDays ?? PublicityPeriod.DefaultDays,
        });
    }

    public async Task<Outcome<TenantInfo>> ClaimRoot(string provinceCode)
    {
        if (store.State.Info is not { } tenant)
        {
            return Outcome<TenantInfo>.Fail(Failure.NotFound, $"there is no tenant '{Id}'");
        }

        if (tenant.RootCode == provinceCode)
        {
            return Outcome<TenantInfo>.Ok(tenant);
        }

        if (tenant.RootCode is not null)
        {
            return Outcome<TenantInfo>.Invalid("code",
                $"tenant '{Id}' already has its province '{tenant.RootCode}'; a tenant holds exactly one province");
        }

        return await SaveAsync(tenant with { RootCode = provinceCode });
    }

    private async Task<Outcome<TenantInfo>> SaveAsync(TenantInfo info)
    {
        store.State = store.State with { Info = info };
        await store.WriteStateAsync();
        return Outcome<TenantInfo>.Ok(info);
    }
}
