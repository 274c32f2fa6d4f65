using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// A route that answers a file (<c>.Produces(200, contentType: "text/csv")</c>: an export, the rejected rows of an
/// import) declares its media types but no .NET type, and the generator then leaves the response without content, as if
/// it had no body. Each declared media type becomes content of the response: a string, the file's text or bytes.
/// </summary>
internal static class FileResponses
{
    public static Task Declare(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var declared in context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (declared.Type is not null && declared.Type != typeof(void)
                || !declared.ContentTypes.Any()
                || operation.Responses?.TryGetValue(declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var found) != true
                || found is not OpenApiResponse response
                || response.Content is { Count: > 0 })
            {
                continue;
            }

            response.Content = declared.ContentTypes.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(
                type => type,
                _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } });
        }

        return Task.CompletedTask;
    }
}
