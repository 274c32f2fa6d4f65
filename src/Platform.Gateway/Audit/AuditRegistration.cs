using Platform.Contracts.Audit;

namespace Platform.Gateway.Audit;

/// <summary>The audit log's services in the gateway (the filter, the batching sink, the reader) and its settings.</summary>
internal static class AuditRegistration
{
    public static WebApplicationBuilder AddPlatformAudit(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AuditSettings>(builder.Configuration.GetSection("Platform:Audit"));
        builder.Services.AddSingleton<AuditSink>();
        builder.Services.AddSingleton<AuditLogReader>();
        return builder;
    }
}
