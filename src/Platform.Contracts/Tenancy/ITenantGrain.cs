using Orleans.Concurrency;
using Platform.Domain.Framework;

namespace Platform.Contracts.Tenancy;

/// <summary>A tenant's registration. Keyed by <see cref="GrainKeys.Tenant"/>.</summary>
[Alias("ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<TenantInfo?> Get();

    /// <summary>Creates the tenant (with a first framework version in <paramref name="scheme"/>) or renames it, and sets
    /// its minimum publicity when <paramref name="minimumPublicityDays"/> is given (a new tenant otherwise gets the default).</summary>
    [Alias("Upsert")]
    Task<Outcome<TenantInfo>> Upsert(string name, RatingScheme scheme, int? minimumPublicityDays = null);

    /// <summary>Makes <paramref name="provinceCode"/> the tenant's root; refused when another province already is.</summary>
    [Alias("ClaimRoot")]
    Task<Outcome<TenantInfo>> ClaimRoot(string provinceCode);
}
