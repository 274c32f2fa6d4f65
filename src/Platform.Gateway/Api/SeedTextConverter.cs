using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.Api;

/// <summary>Reads a campaign's seed only as JSON text. A 64-bit seed is above 2^53 more often than not, and a browser
/// would round it as a JSON number without a word, so a number is refused rather than trusted.</summary>
internal sealed class SeedTextConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException("send the seed as a string of decimal digits, e.g. \"20261124\": as a JSON number it loses digits above 2^53 in JavaScript");

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>A custom converter hides the property's type from the OpenAPI generator, which would document any JSON
    /// value; this says what is taken: a string of decimal digits.</summary>
    public static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.CustomConverter is SeedTextConverter)
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
            schema.Pattern = "^[0-9]{1,19}$";
        }

        return Task.CompletedTask;
    }
}
