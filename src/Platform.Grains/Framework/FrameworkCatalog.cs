using System.Collections.Concurrent;
using Platform.Contracts;
using Platform.Contracts.Framework;
using Platform.Domain.Framework;

namespace Platform.Grains.Framework;

/// <summary>
/// A silo-wide cache of each tenant's current framework version, so scoring an assessment does not call the tenant's
/// framework grain: on deadline day that would be thousands of calls a second on one grain. Which version is current
/// is re-read at most once per <see cref="CurrentTtl"/>, and at once on this silo when a version is published here.
/// </summary>
public sealed class FrameworkCatalog(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan CurrentTtl = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (FrameworkVersion Version, DateTimeOffset ReadAt)> _current = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, int Version), FrameworkVersion> _versions = new();

    public async ValueTask<FrameworkVersion?> GetCurrentAsync(string tenant)
    {
        var now = time.GetUtcNow();
        if (_current.TryGetValue(tenant, out var cached) && now - cached.ReadAt < CurrentTtl)
        {
            return cached.Version;
        }

        var current = await grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework(tenant)).GetCurrent();
        if (current is not null)
        {
            _current[tenant] = (current, now);
        }

        return current;
    }

    /// <summary>A published version, which never changes afterwards, so it is cached for good once read.</summary>
    public async ValueTask<FrameworkVersion?> GetVersionAsync(string tenant, int version)
    {
        if (_versions.TryGetValue((tenant, version), out var cached))
        {
            return cached;
        }

        var read = await grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework(tenant)).GetVersion(version);
        if (read is not null)
        {
            _versions[(tenant, version)] = read;
        }

        return read;
    }

    /// <summary>Makes a just-published version current here at once, rather than after the TTL.</summary>
    public void Published(string tenant, FrameworkVersion version) => _current[tenant] = (version, time.GetUtcNow());
}
