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
        else if (type == typeof(long) && context.JsonPropertyInfo is not null)
        {
            // Counters (audit sequences, rollup versions) that stay far below 2^53: a JSON number any client reads exactly.
            schema.Maximum = "9007199254740991";
        }
        else if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Dictionary
            && context.JsonTypeInfo.ElementType == typeof(decimal))
        {
            // The generator drops a value schema it finds empty, which would leave the values unconstrained.
            schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Number };
        }

        return Task.CompletedTask;
    }
}
