using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Grains.Tests.Infrastructure;

/// <summary>
/// The callers tests act as, set on the calls that follow with <c>using var _ = CallerContext.As(...)</c>: grains that
/// change official data check who is calling, as they do behind the gateway.
/// </summary>
internal static class TestCallers
{
    public static Caller Operator { get; } = new(null, "operator", "operator", Role.Operator, null);

    public static Caller Admin(string tenant) => new(tenant, "admin", "admin", Role.TenantAdmin, RandomProvince.Root);

    public static Caller RegionAdmin(string tenant, string region) => new(tenant, $"region-{region}", $"region-{region}", Role.RegionAdmin, region);

    public static Caller Secretary(string tenant, string branch) => new(tenant, $"secretary-{branch}", $"secretary-{branch}", Role.BranchSecretary, branch);

    public static Caller Reviewer(string tenant, string city) => new(tenant, $"reviewer-{city}", $"reviewer-{city}", Role.Reviewer, city);

    /// <summary>The platform's own work in <paramref name="tenant"/> (as a deadline or final's fan-out runs).</summary>
    public static Caller Platform(string tenant, string name) => Caller.System(tenant, name);

    public static Caller Viewer(string tenant, string scope) => new(tenant, $"viewer-{scope}", $"viewer-{scope}", Role.Viewer, scope);

    /// <summary>Runs <paramref name="call"/> as <paramref name="caller"/>.</summary>
    public static async Task<T> As<T>(Caller caller, Func<Task<T>> call)
    {
        using var _ = CallerContext.As(caller);
        return await call();
    }
}
