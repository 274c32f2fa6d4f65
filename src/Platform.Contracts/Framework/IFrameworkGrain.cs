using Orleans.Concurrency;
using Platform.Domain.Framework;

namespace Platform.Contracts.Framework;

/// <summary>
/// A tenant's published 五化 framework versions: which exist and which is current. Each version is stored by its own
/// <see cref="IFrameworkVersionGrain"/>. Keyed by <see cref="GrainKeys.Framework"/>.
/// </summary>
[Alias("IFrameworkGrain")]
public interface IFrameworkGrain : IGrainWithStringKey
{
    [Alias("GetCurrent"), ReadOnly]
    Task<FrameworkVersion?> GetCurrent();

    [Alias("GetVersion"), ReadOnly]
    Task<FrameworkVersion?> GetVersion(int version);

    /// <summary>Every published version, oldest first, as summaries; read a whole one with <see cref="GetVersion"/>.</summary>
    [Alias("ListVersions"), ReadOnly]
    Task<IReadOnlyList<FrameworkVersionSummary>> ListVersions();

    /// <summary>
    /// Publishes a new version; it gets the next number and becomes current. The draft's number is ignored. Once a
    /// version exists, <paramref name="expectedVersion"/> must be the current one (the caller's If-Match), so two
    /// administrators editing from the same version cannot both publish: the second is refused, not silently current.
    /// </summary>
    [Alias("Publish")]
    Task<Outcome<FrameworkVersion>> Publish(FrameworkVersion draft, int? expectedVersion);
}
