using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Gives every operation in the OpenAPI document an id from its handler, e.g. <c>CampaignAdvance</c> for
/// <c>CampaignEndpoints.Advance</c>, so generated clients get stable method names without a name on every route.
/// The audit log names each write by the same id.
/// </summary>
internal static class OperationIds
{
    public static Task Assign(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is null && FromHandler(context.Description.ActionDescriptor.EndpointMetadata) is { } id)
        {
            operation.OperationId = id;
        }

        return Task.CompletedTask;
    }

    /// <summary>The operation id of an endpoint as the OpenAPI document has it: its name, else its handler's.</summary>
    public static string? Of(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? FromHandler(endpoint.Metadata);

    private static string? FromHandler(IEnumerable<object> metadata) =>
        metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler
        && handler.DeclaringType is { } type
        && !handler.Name.Contains('<', StringComparison.Ordinal)
            ? type.Name.Replace("Endpoints", "", StringComparison.Ordinal) + handler.Name
            : null;
}
