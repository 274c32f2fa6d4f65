using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Gives every operation in the OpenAPI document an id from its handler, e.g. <c>CampaignAdvance</c> for
/// <c>CampaignEndpoints.Advance</c>, so generated clients get stable method names without a name on every route.
/// </summary>
internal static class OperationIds
{
    public static Task Assign(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is null
            && context.Description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault() is { } handler
            && handler.DeclaringType is { } type
            && !handler.Name.Contains('<', StringComparison.Ordinal))
        {
            operation.OperationId = type.Name.Replace("Endpoints", "", StringComparison.Ordinal) + handler.Name;
        }

        return Task.CompletedTask;
    }
}
