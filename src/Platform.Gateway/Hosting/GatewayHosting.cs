using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Audit;
using Platform.Contracts.Hierarchy;
using Platform.Hosting;
using Platform.Hosting.Health;

namespace Platform.Gateway.Hosting;

public static class GatewayHosting
{
    /// <summary>The grains the gateway calls: a silo in this process (<see cref="GatewayMode.Embedded"/>) or a cluster
    /// it is a client of (<see cref="GatewayMode.Client"/>).</summary>
    public static WebApplicationBuilder AddPlatformGrains(this WebApplicationBuilder builder)
    {
        if (ModeOf(builder.Configuration) == GatewayMode.Client)
        {
            builder.AddPlatformClient();
        }
        else
        {
            builder.AddPlatformSilo();
            builder.Services.AddHealthChecks().AddPlatformClusterCheck();
        }

        // What the gateway itself uses beside the grains (the silo registers the same for its grains).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<NodeAncestry>();
        builder.Services.TryAddSingleton<AuditTrail>();
        return builder;
    }

    public static GatewayMode ModeOf(IConfiguration configuration) =>
        (configuration.GetSection(GatewaySettings.Section).Get<GatewaySettings>() ?? new GatewaySettings()).Mode;
}
