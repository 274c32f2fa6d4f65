using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Platform.Hosting.Storage;

namespace Platform.Hosting.Clustering;

/// <summary>How an Orleans client (a gateway process) finds the silos: the gateway list of the same cluster.</summary>
public static class ClientClustering
{
    public static IClientBuilder AddPlatformClustering(this IClientBuilder client, IConfiguration configuration, PlatformSettings settings)
    {
        var section = configuration.GetSection(ClusterSettings.ClientSection);
        client.Services.AddOptions<GatewayOptions>().Bind(section);
        client.Services.AddOptions<ClientMessagingOptions>().Bind(section);
        if (settings.Cluster.Mode == ClusterMode.Localhost)
        {
            // A silo host on this machine (src/Platform.Silo in the embedded storage mode): its client port, no table.
            return client.UseLocalhostClustering(settings.Cluster.ClientPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        var connectionString = configuration.GetConnectionString(StorageSettings.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Platform:Cluster:Mode is AdoNet: the gateway reads the silos' addresses from the membership table in PostgreSQL. " +
                "Set ConnectionStrings:Platform (environment ConnectionStrings__Platform) to the silos' database.");
        }

        client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings.ClusterId, settings.ServiceId));
        return client.UseAdoNetClustering(options =>
        {
            options.Invariant = StorageInvariants.PostgreSql;
            options.ConnectionString = connectionString;
        });
    }
}
