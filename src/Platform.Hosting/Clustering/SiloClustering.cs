using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Platform.Hosting.Storage;

namespace Platform.Hosting.Clustering;

/// <summary>How a silo finds the others: its endpoints, its membership provider and the membership protocol's timings.</summary>
public static class SiloClustering
{
    public static ISiloBuilder AddPlatformClustering(this ISiloBuilder silo, IConfiguration configuration, PlatformSettings settings, PlatformDatabase database)
    {
        var cluster = settings.Cluster;
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection(ClusterSettings.MembershipSection));
        silo.Services.AddOptions<SiloMessagingOptions>().Bind(configuration.GetSection(ClusterSettings.MessagingSection));
        if (!string.IsNullOrWhiteSpace(cluster.SiloName))
        {
            silo.Configure<SiloOptions>(options => options.SiloName = cluster.SiloName);
        }

        if (cluster.Mode == ClusterMode.Localhost)
        {
            return silo.UseLocalhostClustering(cluster.SiloPort, cluster.ClientPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        if (settings.Storage.Mode != StorageMode.PostgreSql)
        {
            throw new InvalidOperationException("Platform:Cluster:Mode is AdoNet, which keeps membership in PostgreSQL: set Platform:Storage:Mode=PostgreSql and ConnectionStrings:Platform too.");
        }

        silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings.ClusterId, settings.ServiceId));
        if (string.IsNullOrWhiteSpace(cluster.AdvertisedIPAddress))
        {
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.ClientPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIPAddress), cluster.SiloPort, cluster.ClientPort, listenOnAnyHostAddress: true);
        }

        return silo.UseAdoNetClustering(options =>
        {
            options.Invariant = StorageInvariants.PostgreSql;
            options.ConnectionString = database.ConnectionString;
        });
    }
}
