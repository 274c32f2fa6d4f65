using Platform.Contracts;
using Platform.Contracts.Framework;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Identity;
using Platform.Domain.Tenancy;
using Platform.Grains.Identity;
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

    public Task<TenantInfo?> Get()
    {
        if (store.State.Info is null)
        {
            // Nothing is stored under this key: an unknown tenant asked for must not hold memory until collection.
            DeactivateOnIdle();
        }

        return Task.FromResult(store.State.Info);
    }

    /// <summary>Creating is the platform operator's (or the platform's own, for the demo); changing is the tenant admin's.</summary>
    public async Task<Outcome<TenantInfo>> Upsert(string name, RatingScheme? scheme, int? expectedRevision, int? minimumPublicityDays = null)
    {
        var admission = Admission.Of(Id, store.State.Info is null ? Operation.ManageTenants : Operation.ChangeTenant);
        if (!admission.Admitted)
        {
            if (store.State.Info is null)
            {
                DeactivateOnIdle();
            }

            return admission.Refused<TenantInfo>();
        }

        if (TenantNames.Problem(name) is { } problem)
        {
            return Outcome<TenantInfo>.Invalid("name", problem);
        }

        if (minimumPublicityDays is { } days && PublicityPeriod.Problem(days) is { } publicityProblem)
        {
            return Outcome<TenantInfo>.Invalid("minimumPublicityDays", publicityProblem);
        }

        if (store.State.Info is { } existing)
        {
            return await ChangeAsync(existing, name, scheme, expectedRevision, minimumPublicityDays);
        }

        if (expectedRevision is not null)
        {
            return Outcome<TenantInfo>.Fail(Failure.PreconditionFailed, $"there is no tenant '{Id}' to match; create it without If-Match");
        }

        // The framework first: a tenant that exists always has a version to score with.
        var chosen = scheme ?? RatingScheme.Stars;
        var framework = GrainFactory.GetGrain<IFrameworkGrain>(GrainKeys.Framework(Id));
        if (await framework.GetCurrent() is null)
        {
            // The operator creates the tenant but may not write inside it: the first version is the platform's own work.
            using var platform = CallerContext.As(Caller.System(Id, "tenant-created"));
            var published = await framework.Publish(DefaultFrameworks.Create(chosen, 1, time.GetUtcNow()), expectedVersion: null);
            if (!published.Succeeded)
            {
                return published.As<TenantInfo>();
            }
        }

        await Registry.Register(Id);
        return await SaveAsync(new TenantInfo(Id, name, null, chosen, time.GetUtcNow(), Revision: 1)
        {
            MinimumPublicityDays = minimumPublicityDays ?? PublicityPeriod.DefaultDays,
        });
    }

    private async Task<Outcome<TenantInfo>> ChangeAsync(
        TenantInfo existing, string name, RatingScheme? scheme, int? expectedRevision, int? minimumPublicityDays)
    {
        if (expectedRevision is { } expected && expected != existing.Revision)
        {
            return Outcome<TenantInfo>.Fail(Failure.PreconditionFailed,
                $"tenant '{Id}' is at revision {existing.Revision}, not {expected}: someone else changed it; read it again");
        }

        if (scheme is { } wanted && wanted != existing.Scheme)
        {
            return Outcome<TenantInfo>.Invalid("ratingScheme",
                $"tenant '{Id}' rates by {existing.Scheme.ToApiName()}; a rating scheme cannot change once chosen (leave ratingScheme out to rename)");
        }

        var changed = existing with { Name = name, MinimumPublicityDays = minimumPublicityDays ?? existing.MinimumPublicityDays };
        if (changed == existing)
        {
            return Outcome<TenantInfo>.Ok(existing);
        }

        if (expectedRevision is null)
        {
            return Outcome<TenantInfo>.Fail(Failure.PreconditionRequired,
                $"tenant '{Id}' exists (revision {existing.Revision}); send If-Match: \"{existing.Revision}\" to change it");
        }

        return await SaveAsync(changed with { Revision = existing.Revision + 1 });
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

        return await SaveAsync(tenant with { RootCode = provinceCode, Revision = tenant.Revision + 1 });
    }

    private async Task<Outcome<TenantInfo>> SaveAsync(TenantInfo info)
    {
        store.State = store.State with { Info = info };
        await store.WriteStateAsync();
        return Outcome<TenantInfo>.Ok(info);
    }
}
