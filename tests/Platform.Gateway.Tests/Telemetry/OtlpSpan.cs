namespace Platform.Gateway.Tests.Telemetry;

/// <summary>A span as an OTLP export carried it, with the service and instrumentation scope it came from.</summary>
internal sealed record OtlpSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind)
{
    /// <summary>OTLP's <c>SPAN_KIND_SERVER</c>.</summary>
    public const int Server = 2;
}
