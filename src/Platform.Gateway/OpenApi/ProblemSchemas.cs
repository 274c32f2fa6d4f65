using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// Problem details are open to extensions (RFC 7807 §3.2): every one the gateway writes carries <c>traceId</c>, and a
/// closed schema would make each of them a violation.
/// </summary>
internal static class ProblemSchemas
{
    public static Task Open(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is null && typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The request's trace, to quote when reporting a problem.",
            };
        }

        return Task.CompletedTask;
    }
}
