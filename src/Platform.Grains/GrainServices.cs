using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Audit;
using Platform.Contracts.Hierarchy;
using Platform.Grains.Framework;
using Platform.Grains.Hierarchy;
using Platform.Grains.Identity;
using Platform.Grains.Telemetry;
using Microsoft.AspNetCore.Identity;
using Platform.Domain.Identity;

namespace Platform.Grains;

public static class GrainServices
{
    /// <summary>The services grains depend on, for every host, the test cluster included.</summary>
    /// <param name="auth">The <c>Platform:Auth</c> section: lockout, refresh token lifetime, and
    /// <c>PasswordHashing:IterationCount</c> (PBKDF2 iterations, 100,000 unless set; only tests lower it).</param>
    public static IServiceCollection AddPlatformGrainServices(this IServiceCollection services, IConfiguration? rollup = null, IConfiguration? auth = null)
    {
        var accounts = services.AddOptions<AccountOptions>();
        var hashing = services.AddOptions<PasswordHasherOptions>();
        if (auth is not null)
        {
            accounts.Bind(auth);
            hashing.Bind(auth.GetSection("PasswordHashing"));
        }

        services.TryAddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FrameworkCatalog>();
        services.TryAddSingleton<ReportDrain>();
        services.TryAddSingleton<NodeAncestry>();
        services.TryAddSingleton<AuditTrail>();
        services.AddMetrics();
        services.TryAddSingleton<PlatformMetrics>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ReportDrainParticipant>();
        var options = services.AddOptions<RollupOptions>();
        if (rollup is not null)
        {
            options.Bind(rollup);
        }

        return services;
    }
}
