using Platform.Contracts.Audit;

namespace Platform.Gateway.Audit;

/// <summary>The audit log's services in the gateway (the filter, the batching sink, the reader).</summary>
internal static class AuditRegistration
{
    public static WebApplicationBuilder AddPlatformAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditSink>();
        builder.Services.AddSingleton<AuditLogReader>();
        return builder;
    }
}
