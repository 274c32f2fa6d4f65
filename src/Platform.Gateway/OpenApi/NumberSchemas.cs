using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// Decimals (points, totals, shares) are JSON numbers. They are written by a converter of the gateway's own, which the
/// generator cannot see through, so it would leave their schema without a type.
/// </summary>
internal static class NumberSchemas
{
    public static Task DeclareDecimals(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(decimal))
        {
            schema.Type = JsonSchemaType.Number;
        }
        else if (type == typeof(decimal?))
        {
            schema.Type = JsonSchemaType.Number | JsonSchemaType.Null;
        }

        return Task.CompletedTask;
    }
}
