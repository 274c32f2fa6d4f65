namespace Platform.Hosting.Telemetry;

/// <summary>The <c>Platform:Telemetry</c> section. OTLP export is not here: it follows the OpenTelemetry variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_SERVICE_NAME</c>, …) every collector and operator already knows.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "Platform:Telemetry";

    /// <summary>
    /// Serve the metrics for Prometheus to scrape at <c>/metrics</c>. On by default: the chart's ServiceMonitor scrapes
    /// it and a Prometheus server needs nothing else, no collector in between; it costs nothing until scraped, and it
    /// says how much the platform does, never what (no names, no scores, no node codes; tenants' ids only).
    /// </summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// Serve only on connections to this local port, when set: a port that is not the public API's (the scrape
    /// would otherwise be open to anyone who reaches the API). The host must listen on it too
    /// (<c>ASPNETCORE_HTTP_PORTS=8080;9464</c>). Unset: every port the host listens on.
    /// </summary>
    public int? PrometheusPort { get; set; }

    /// <summary>
    /// The Orleans Dashboard (grain activations, calls, silos, reminders, live log) at <c>/dashboard</c>. Off by default:
    /// it shows grain state and streams the logs, and it profiles every grain call while on.
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>Where the dashboard is served.</summary>
    public const string DashboardPath = "/dashboard";
}
