using System.Collections.Concurrent;
using Platform.Contracts;
using Platform.Contracts.Tenancy;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Which tenants exist, remembered once seen: tenants are never deleted, so a positive answer can be cached, and every
/// request under a tenant checks it without a call to the tenant's grain (which would be one hot grain per province).
/// Which tenants are suspended is read from the registry at most once per <see cref="SuspensionRefresh"/>, so a
/// suspension made through another gateway holds here within that time, and at once through this one.
/// </summary>
internal sealed class TenantDirectory(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan SuspensionRefresh = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private volatile SuspendedTenants? _suspended;

    public static string SuspendedDetail(string tenant) =>
        $"tenant '{tenant}' is suspended: nothing in it can be read or changed until the platform operator resumes it";

    public async ValueTask<bool> IsSuspendedAsync(string tenant)
    {
        var suspended = _suspended;
        if (suspended is null || time.GetUtcNow() - suspended.ReadAt > SuspensionRefresh)
        {
            suspended = await RefreshSuspendedAsync();
        }

        return suspended.Tenants.Contains(tenant);
    }

    /// <summary>Reads the suspended tenants again now, after this gateway suspended or resumed one.</summary>
    public async Task<SuspendedTenants> RefreshSuspendedAsync()
    {
        var list = await grains.GetGrain<ITenantRegistryGrain>(GrainKeys.TenantRegistry).Suspended();
        var suspended = new SuspendedTenants(list.ToHashSet(StringComparer.Ordinal), time.GetUtcNow());
        _suspended = suspended;
        return suspended;
    }

    internal sealed record SuspendedTenants(IReadOnlySet<string> Tenants, DateTimeOffset ReadAt);

    public async ValueTask<bool> ExistsAsync(string tenant)
    {
        if (_known.ContainsKey(tenant))
        {
            return true;
        }

        var info = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Get();
        if (info is not null)
        {
            _known[tenant] = true;
        }

        return info is not null;
    }
}
