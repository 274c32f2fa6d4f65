using System.Collections.Concurrent;
using Platform.Contracts;
using Platform.Contracts.Tenancy;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Which tenants exist, remembered once seen: tenants are never deleted, so a positive answer can be cached, and every
/// request under a tenant checks it without a call to the tenant's grain (which would be one hot grain per province).
/// </summary>
internal sealed class TenantDirectory(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

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
