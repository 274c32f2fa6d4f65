using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Declares every parameter of an operation's route template in the OpenAPI document. Endpoints read the tenant, and
/// the campaign or node the access check reached, from what was checked rather than as parameters of their own, so the
/// generator would leave those out, and a path with an undeclared parameter is invalid OpenAPI.
/// </summary>
internal static partial class RouteParameters
{
    public static Task Declare(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var names = Template().Matches(context.Description.RelativePath ?? "").Select(m => m.Groups["name"].Value).ToList();
        if (names.Count == 0)
        {
            return Task.CompletedTask;
        }

        var parameters = operation.Parameters ?? [];
        var path = names.Select(name => parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == name) ?? new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Path,
            Required = true,
            Description = name == "tenant" ? "The tenant (a province); it must be the tenant of the signed-in account." : null,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

        // In the template's order, first: generated clients take them as the leading arguments.
        operation.Parameters = [.. path, .. parameters.Where(p => p.In != ParameterLocation.Path)];
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?\}")]
    private static partial Regex Template();
}
