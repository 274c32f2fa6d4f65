using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Hosting.Clustering;
using Platform.Hosting.Health;

namespace Platform.Hosting;

public static class PlatformClient
{
    /// <summary>
    /// Connects this process to a cluster of silo hosts as an Orleans client: no silo, no storage, no migration here.
    /// <c>Platform:Cluster:Mode=AdoNet</c> reads the silos' client endpoints from the membership table in PostgreSQL
    /// (<c>ConnectionStrings:Platform</c>); Localhost finds one silo host on this machine. The start waits (retrying)
    /// until a silo answers, so a gateway may start before its silos.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformClient(this IHostApplicationBuilder builder)
    {
        var settings = PlatformSettings.From(builder.Configuration);
        builder.UseOrleansClient(client => client
            .AddPlatformClustering(builder.Configuration, settings)
            .UseConnectionRetryFilter<ClusterConnectionRetry>());
        builder.Services.AddHealthChecks().AddPlatformClusterCheck();
        return builder;
    }
}
