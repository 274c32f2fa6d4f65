using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Domain.Identity;

namespace Platform.Gateway.Access;

/// <summary>
/// The OpenAPI document's account of access: a bearer security scheme, and on every operation its security requirement
/// (none for the few that take no token), the roles and scope rule in its description, and the same as data in
/// <c>x-access</c> (<c>{"roles": [...], "operation": ..., "target": ...}</c> or <c>{"anonymous": true}</c>), which the
/// authorization test reads to call every operation as every kind of caller.
/// </summary>
internal static class AccessOpenApi
{
    public const string SchemeName = "bearer";
    public const string Extension = "x-access";

    public static Task AddScheme(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access token of POST /api/v1/auth/sign-in (or of the tenant's own identity provider), as 'Authorization: Bearer …'. It names the tenant, the role and the scope node; every route checks them.",
        };
        return Task.CompletedTask;
    }

    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var (access, rule) = metadata.OfType<AccessRequirement>().LastOrDefault() is { } requirement
            ? (new JsonObject
            {
                ["roles"] = Roles(requirement.Roles),
                ["operation"] = JsonNamingPolicyCamel(requirement.Operation.ToString()),
                ["target"] = JsonNamingPolicyCamel(requirement.Target.ToString()),
            }, $"{RolesText(requirement.Roles)}, to {AccessRules.Describe(requirement.Operation)}; {requirement.Scope}.")
            : metadata.OfType<DeclaredAccess>().LastOrDefault() is { } declared
                ? (declared.Anonymous
                    ? new JsonObject { ["anonymous"] = true }
                    : new JsonObject { ["roles"] = Roles(declared.Roles) }, declared.Rule)
                : (null, null);
        if (access is null)
        {
            // Undeclared: the document says so, and the authorization test fails on it.
            return Task.CompletedTask;
        }

        var anonymous = access["anonymous"] is not null;
        operation.Security = anonymous
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        operation.Description = string.Join("\n\n", new[] { operation.Description, $"**Access:** {rule}" }.Where(d => !string.IsNullOrEmpty(d)));
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[Extension] = new JsonNodeExtension(access);
        return Task.CompletedTask;
    }

    private static JsonArray Roles(IEnumerable<Role> roles) => [.. roles.Select(r => (JsonNode)r.ToApiName())];

    private static string RolesText(IReadOnlyList<Role> roles) => roles.Count == 0
        ? "Only the platform itself"
        : "A signed-in " + string.Join(" or ", roles.Select(r => r.ToApiName())) + " of the tenant in the address";

    private static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
