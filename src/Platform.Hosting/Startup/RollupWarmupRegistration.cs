using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Hosting.Startup;

public static class RollupWarmupRegistration
{
    /// <summary>Call after <c>UseOrleans</c>: hosted services start in order, so the warmup starts once the silo is up.</summary>
    public static IHostApplicationBuilder AddRollupWarmup(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RollupWarmup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RollupWarmup>());
        return builder;
    }
}
