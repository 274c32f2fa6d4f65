using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using Platform.Grains.Telemetry;

namespace Platform.Hosting.Telemetry;

/// <summary>
/// Traces, metrics and logs of a platform process (the gateway, the silo host, or both in one), with OpenTelemetry:
/// OTLP export of all three when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (traces and logs only then), the metrics
/// for a Prometheus scrape at <c>/metrics</c>, and
/// the Orleans Dashboard for operators when enabled. Call <see cref="AddPlatformTelemetry"/> after the silo or the
/// Orleans client is added, and <see cref="MapPlatformTelemetry"/> once the app is built.
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>The grain-call spans: application grains, and the runtime's own (membership, directory, reminders).</summary>
    public static readonly IReadOnlyList<string> OrleansActivitySources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>The meters read besides the instrumentation's: Orleans (activations, grain calls, messaging), the .NET
    /// runtime's own (GC, CPU, thread pool; built in since .NET 9), the PostgreSQL driver's and the platform's.</summary>
    public static readonly IReadOnlyList<string> Meters = ["Microsoft.Orleans", "System.Runtime", "Npgsql", PlatformMetrics.MeterName];

    /// <param name="serviceName">The <c>service.name</c> of everything this process exports (<c>platform-gateway</c>,
    /// <c>platform-silo</c>); <c>OTEL_SERVICE_NAME</c> overrides it, as the chart sets it per release.</param>
    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var settings = builder.Configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>() ?? new TelemetrySettings();
        builder.Services.Configure<TelemetrySettings>(builder.Configuration.GetSection(TelemetrySettings.Section));
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<PlatformMetrics>();

        var name = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : serviceName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(name))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter([.. Meters]);
                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        // Traces and logs have nowhere to go but OTLP: without an endpoint no tracer listens, so a request and its grain
        // calls pay nothing for spans nobody would read (the benchmark's numbers stand).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsPlumbing(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource([.. OrleansActivitySources])
                    // Every PostgreSQL command is a span under the grain call that stored or read. Microsoft.Data.Sqlite
                    // (the embedded mode) has no activity source to add.
                    .AddNpgsql())
                .WithLogging(logging => { }, options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                })
                // All three signals, to the endpoint and protocol of the OTEL_EXPORTER_OTLP_* variables.
                .UseOtlpExporter();
        }

        ConfigureOrleans(builder, settings);
        return builder;
    }

    /// <summary>
    /// Grain calls carry the caller's trace (W3C trace context in the call's headers), so one trace runs from the HTTP
    /// request through every grain it reaches and on to storage. On a silo, and on a gateway that is only an Orleans
    /// client, alike; whichever this host added.
    /// </summary>
    private static void ConfigureOrleans(IHostApplicationBuilder builder, TelemetrySettings settings)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(ILocalSiloDetails)))
        {
            builder.UseOrleans(silo =>
            {
                silo.AddActivityPropagation();
                if (settings.Dashboard)
                {
                    silo.AddDashboard();
                }
            });
        }
        else if (builder.Services.Any(service => service.ServiceType == typeof(IClusterClient)))
        {
            builder.UseOrleansClient(client =>
            {
                client.AddActivityPropagation();
                if (settings.Dashboard)
                {
                    // The client serves the pages; the data comes from the silos, which must have the dashboard on too.
                    client.AddDashboard();
                }
            });
        }
        else
        {
            throw new InvalidOperationException("AddPlatformTelemetry configures the host's Orleans silo or client: add it first (UseOrleans or UseOrleansClient).");
        }
    }

    /// <summary>
    /// The Prometheus scrape at <c>/metrics</c> and the Orleans Dashboard at <c>/dashboard</c>, each when enabled.
    /// </summary>
    /// <param name="dashboardPolicy">The authorization policy the dashboard requires: on a host whose port is public (the
    /// gateway) the operator's. Null serves it to anyone who reaches the port: only for a host whose HTTP port is
    /// private to the cluster (the silo host), reached by an operator through <c>kubectl port-forward</c>.</param>
    public static WebApplication MapPlatformTelemetry(this WebApplication app, string? dashboardPolicy)
    {
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetrySettings>>().Value;
        if (settings.Prometheus)
        {
            var scrape = app.MapPrometheusScrapingEndpoint("/metrics");
            if (settings.PrometheusPort is { } port)
            {
                scrape.Add(endpoint => endpoint.RequestDelegate = OnlyOnPort(port, endpoint.RequestDelegate!));
            }
        }

        if (settings.Dashboard)
        {
            var dashboard = app.MapOrleansDashboard(TelemetrySettings.DashboardPath).ExcludeFromDescription();
            if (dashboardPolicy is not null)
            {
                dashboard.RequireAuthorization(dashboardPolicy);
            }
        }

        return app;
    }

    private static RequestDelegate OnlyOnPort(int port, RequestDelegate scrape) => http =>
    {
        if (http.Connection.LocalPort == port)
        {
            return scrape(http);
        }

        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    /// <summary>Probes and scrapes: a span per Kubernetes probe or Prometheus scrape is noise, not a trace.</summary>
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
