using Platform.Contracts;
using Platform.Contracts.Tenancy;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Which tenants are suspended, read from the registry at most once per <see cref="SuspensionRefresh"/>, so every
/// request checks it without a call to a grain, a suspension made through another gateway holds here within that
/// time, and one made through this gateway at once.
/// </summary>
internal sealed class TenantDirectory(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan SuspensionRefresh = TimeSpan.FromSeconds(2);

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
}
