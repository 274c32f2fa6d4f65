using System.Collections.Concurrent;
using Platform.Contracts;
using Platform.Contracts.Framework;
using Platform.Domain.Framework;

namespace Platform.Grains.Framework;

/// <summary>
/// A silo-wide cache of framework versions, so scoring an assessment does not call the tenant's framework grain:
/// on deadline day that would be thousands of calls a second on one grain. Published versions never change, so they
/// are cached for good; which version is current is re-read at most once per <see cref="CurrentTtl"/>.
/// </summary>
public sealed class FrameworkCatalog(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan CurrentTtl = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Tenant, int Version), FrameworkVersion> _versions = new();
    private readonly ConcurrentDictionary<string, (FrameworkVersion Version, DateTimeOffset ReadAt)> _current = new(StringComparer.Ordinal);

    public async ValueTask<FrameworkVersion?> GetCurrentAsync(string tenant)
    {
        var now = time.GetUtcNow();
        if (_current.TryGetValue(tenant, out var cached) && now - cached.ReadAt < CurrentTtl)
        {
            return cached.Version;
        }

        var current = await Grain(tenant).GetCurrent();
        if (current is not null)
        {
            _current[tenant] = (current, now);
            _versions.TryAdd((tenant, current.Version), current);
        }

        return current;
    }

    public async ValueTask<FrameworkVersion?> GetAsync(string tenant, int version)
    {
        if (_versions.TryGetValue((tenant, version), out var cached))
        {
            return cached;
        }

        var found = await Grain(tenant).GetVersion(version);
        if (found is not null)
        {
            _versions.TryAdd((tenant, version), found);
        }

        return found;
    }

    /// <summary>Makes a just-published version current here at once, rather than after the TTL.</summary>
    public void Published(string tenant, FrameworkVersion version)
    {
        _versions.TryAdd((tenant, version.Version), version);
        _current[tenant] = (version, time.GetUtcNow());
    }

    private IFrameworkGrain Grain(string tenant) => grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework(tenant));
}
