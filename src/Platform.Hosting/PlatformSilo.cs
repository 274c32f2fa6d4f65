using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Platform.Grains;
using Platform.Grains.Persistence;
using Platform.Hosting.Sqlite;
using Platform.Hosting.Startup;

namespace Platform.Hosting;

public static class PlatformSilo
{
    /// <summary>The ADO.NET invariant for SQLite; Orleans maps it to Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Hosts a silo in this process: the embedded mode, with localhost clustering, and grain state and reminders in
    /// one SQLite file through the Orleans ADO.NET providers. The schema is created or upgraded before the silo starts.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformSilo(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(PlatformSettings.Section).Get<PlatformSettings>() ?? new PlatformSettings();
        builder.Services.AddPlatformGrainServices(
            builder.Configuration.GetSection($"{PlatformSettings.Section}:Rollup"), builder.Configuration.GetSection($"{PlatformSettings.Section}:Auth"));
        SqliteSchema.Apply(settings.Sqlite, NullLogger.Instance);

        // One data source for both providers: every connection they open gets the busy timeout and synchronous level.
        // Orleans does not dispose it, and it holds nothing to dispose (pooling is Microsoft.Data.Sqlite's).
        var dataSource = new SqliteDataSource(settings.Sqlite);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            silo.AddAdoNetGrainStorage(StorageNames.Provider, options =>
            {
                options.Invariant = SqliteInvariant;
                options.DataSource = dataSource;
                options.GrainStorageSerializer = new JsonGrainStorageSerializer();
            });
            // Durable reminders (0002-reminders.sql): rows keyed by service id, so a restarted silo on the same file
            // reloads and fires them. Orleans only takes DataSource or ConnectionString, never both; the data source is
            // what carries our per-connection pragmas.
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = SqliteInvariant;
                options.DataSource = dataSource;
            });
            silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromMinutes(30));
        });

        // Registered after the silo, so it starts once the silo is up.
        builder.Services.AddSingleton<RollupWarmup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RollupWarmup>());

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter("Microsoft.Orleans"))
            .WithTracing(tracing => tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"));
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddOtlpExporter());
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddOtlpExporter());
        }

        return builder;
    }
}
