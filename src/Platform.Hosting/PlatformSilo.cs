using System.Data.Common;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Platform.Grains;
using Platform.Grains.Persistence;
using Platform.Hosting.Clustering;
using Platform.Hosting.Sqlite;
using Platform.Hosting.Storage;
using Platform.Hosting.Startup;

namespace Platform.Hosting;

public static class PlatformSilo
{
    /// <summary>The ADO.NET invariant for SQLite; Orleans maps it to Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The ADO.NET invariant for PostgreSQL; Orleans maps it to Npgsql.</summary>
    public const string PostgreSqlInvariant = "Npgsql";

    /// <summary>
    /// Hosts a silo in this process. The embedded default: localhost clustering, and grain state and reminders in one
    /// SQLite file. With <c>Platform:Storage:Mode=PostgreSql</c>, state and reminders go to PostgreSQL
    /// (<c>ConnectionStrings:Platform</c>), and with <c>Platform:Cluster:Mode=AdoNet</c> membership too. Both modes
    /// store through the Orleans ADO.NET providers over the project's own scripts, which are applied (or, with
    /// <c>Platform:Storage:MigrateOnStart=false</c>, checked) before the silo starts, so the providers find their queries.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformSilo(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(PlatformSettings.Section).Get<PlatformSettings>() ?? new PlatformSettings();
        builder.Services.AddPlatformGrainServices(
            builder.Configuration.GetSection($"{PlatformSettings.Section}:Rollup"), builder.Configuration.GetSection($"{PlatformSettings.Section}:Auth"));
        var database = PlatformDatabase.From(builder.Configuration);
        database.MigrateAsync(settings.Storage.MigrateOnStart).GetAwaiter().GetResult();
        if (settings.Cluster.Mode == ClusterMode.AdoNet && settings.Storage.Mode != StorageMode.PostgreSql)
        {
            throw new InvalidOperationException("Platform:Cluster:Mode is AdoNet, which keeps membership in PostgreSQL: set Platform:Storage:Mode=PostgreSql and ConnectionStrings:Platform too.");
        }

        var (invariant, dataSource) = settings.Storage.Mode switch
        {
            // One data source for both providers: every connection they open gets the busy timeout and synchronous
            // level. Orleans does not dispose it, and it holds nothing to dispose (pooling is Microsoft.Data.Sqlite's).
            StorageMode.Sqlite => (SqliteInvariant, (DbDataSource)new SqliteDataSource(settings.Sqlite)),
            // Npgsql's data source owns the connection pool; it lives as long as the process.
            _ => (PostgreSqlInvariant, NpgsqlDataSource.Create(database.ConnectionString!)),
        };

        builder.UseOrleans(silo =>
        {
            if (settings.Cluster.Mode == ClusterMode.AdoNet)
            {
                silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings.ClusterId, settings.ServiceId));
                if (string.IsNullOrWhiteSpace(settings.Cluster.AdvertisedIPAddress))
                {
                    silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(IPAddress.Parse(settings.Cluster.AdvertisedIPAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                }

                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = PostgreSqlInvariant;
                    options.ConnectionString = database.ConnectionString;
                });
            }
            else
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            }

            silo.AddAdoNetGrainStorage(StorageNames.Provider, options =>
            {
                options.Invariant = invariant;
                options.DataSource = dataSource;
                options.GrainStorageSerializer = new JsonGrainStorageSerializer();
            });
            // Durable reminders: rows keyed by service id, so a restarted silo on the same database reloads and fires
            // them. Orleans only takes DataSource or ConnectionString, never both; for SQLite the data source is what
            // carries our per-connection pragmas.
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = invariant;
                options.DataSource = dataSource;
            });
            silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromMinutes(30));
        });

        // Registered after the silo, so it starts once the silo is up.
        builder.Services.AddSingleton<RollupWarmup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RollupWarmup>());

        return builder;
    }
}
