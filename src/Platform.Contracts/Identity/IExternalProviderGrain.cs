using Orleans.Concurrency;

namespace Platform.Contracts.Identity;

/// <summary>A tenant's external provider, if it has one. Keyed by <see cref="GrainKeys.ExternalProvider"/>.</summary>
[Alias("IExternalProviderGrain")]
public interface IExternalProviderGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<ExternalProvider?> Get();

    /// <summary>Sets the provider, or removes it when <paramref name="provider"/> is null.</summary>
    [Alias("Set")]
    Task Set(ExternalProvider? provider);
}
