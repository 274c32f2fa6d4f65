using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Audit;
using Platform.Contracts.Hierarchy;
using Platform.Grains.Framework;
using Platform.Grains.Hierarchy;

namespace Platform.Grains;

public static class GrainServices
{
    /// <summary>The services grains depend on, for every host, the test cluster included.</summary>
    public static IServiceCollection AddPlatformGrainServices(this IServiceCollection services, IConfiguration? rollup = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FrameworkCatalog>();
        services.TryAddSingleton<ReportDrain>();
        services.TryAddSingleton<NodeAncestry>();
        services.TryAddSingleton<AuditTrail>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ReportDrainParticipant>();
        var options = services.AddOptions<RollupOptions>();
        if (rollup is not null)
        {
            options.Bind(rollup);
        }

        return services;
    }
}
