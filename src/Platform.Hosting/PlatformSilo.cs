using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.Grains;
using Platform.Hosting.Clustering;
using Platform.Hosting.Health;
using Platform.Hosting.Startup;
using Platform.Hosting.Storage;

namespace Platform.Hosting;

public static class PlatformSilo
{
    /// <summary>
    /// Hosts a silo in this process. The embedded default: localhost clustering, and grain state and reminders in one
    /// SQLite file. With <c>Platform:Storage:Mode=PostgreSql</c>, state and reminders go to PostgreSQL
    /// (<c>ConnectionStrings:Platform</c>), and with <c>Platform:Cluster:Mode=AdoNet</c> membership too. The schema is
    /// applied (or, with <c>Platform:Storage:MigrateOnStart=false</c>, checked) before the silo starts.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformSilo(this IHostApplicationBuilder builder)
    {
        var settings = PlatformSettings.From(builder.Configuration);
        var database = PlatformDatabase.From(builder.Configuration);
        database.MigrateAsync(settings.Storage.MigrateOnStart).GetAwaiter().GetResult();

        builder.Services.AddPlatformGrainServices(
            builder.Configuration.GetSection($"{PlatformSettings.Section}:Rollup"), builder.Configuration.GetSection($"{PlatformSettings.Section}:Auth"));
        builder.UseOrleans(silo => silo
            .AddPlatformClustering(builder.Configuration, settings, database)
            .AddPlatformStorage(database));
        builder.AddRollupWarmup();
        builder.Services.AddHealthChecks().AddPlatformSiloChecks();

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
