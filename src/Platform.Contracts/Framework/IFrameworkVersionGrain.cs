using Orleans.Concurrency;
using Platform.Domain.Framework;

namespace Platform.Contracts.Framework;

/// <summary>
/// One published framework version, in a record of its own, so publishing writes one version and never rewrites the
/// others. Keyed by <see cref="GrainKeys.FrameworkVersion"/>; only the tenant's <see cref="IFrameworkGrain"/> writes it,
/// and readers go through that grain, which knows which versions are published.
/// </summary>
[Alias("IFrameworkVersionGrain")]
public interface IFrameworkVersionGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<FrameworkVersion?> Get();

    /// <summary>Stores the version before the framework grain lists it as published.</summary>
    [Alias("Store")]
    Task Store(FrameworkVersion version);
}
