using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Gateway.Imports;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// A route that takes a file (<c>.Accepts&lt;string&gt;("text/csv", …, "multipart/form-data")</c>: the hierarchy
/// import) is documented by the generator as a JSON string under every media type, which a validating proxy holds a
/// browser upload against. A file body is its bytes; a form upload is an object whose part <c>file</c> holds them.
/// </summary>
internal static class FileUploads
{
    public static Task Declare(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody?.Content is not { } content || !content.ContainsKey(ImportUpload.FormType))
        {
            return Task.CompletedTask;
        }

        foreach (var (type, media) in content)
        {
            media.Schema = type == ImportUpload.FormType
                ? new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema> { [ImportUpload.FormField] = Bytes() },
                    Required = new HashSet<string> { ImportUpload.FormField },
                }
                : Bytes();
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Bytes() => new() { Type = JsonSchemaType.String, Format = "binary" };
}
