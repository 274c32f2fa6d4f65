using Orleans.Concurrency;
using Platform.Domain.Framework;

namespace Platform.Contracts.Framework;

/// <summary>A tenant's published 五化 framework versions. Keyed by <see cref="GrainKeys.Framework"/>.</summary>
[Alias("IFrameworkGrain")]
public interface IFrameworkGrain : IGrainWithStringKey
{
    [Alias("GetCurrent"), ReadOnly]
    Task<FrameworkVersion?> GetCurrent();

    [Alias("GetVersion"), ReadOnly]
    Task<FrameworkVersion?> GetVersion(int version);

    [Alias("ListVersions"), ReadOnly]
    Task<IReadOnlyList<FrameworkVersion>> ListVersions();

    /// <summary>Publishes a new version; it gets the next number and becomes current. The draft's number is ignored.</summary>
    [Alias("Publish")]
    Task<Outcome<FrameworkVersion>> Publish(FrameworkVersion draft);
}
