using Microsoft.AspNetCore.Mvc;
using Platform.Domain.Identity;

namespace Platform.Gateway.Access;

/// <summary>How an endpoint declares what it needs, and the refusals that follow in the OpenAPI document.</summary>
internal static class AccessConventions
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Checked by <see cref="AccessFilter"/>: the caller must be of the route's tenant, of a role that may do
    /// <paramref name="operation"/>, and (by <paramref name="target"/>) reach what the route addresses.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder route, Operation operation, AccessTarget target = AccessTarget.Tenant)
        where TBuilder : IEndpointConventionBuilder
    {
        route.WithMetadata(new AccessRequirement(operation, target)).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        return target is AccessTarget.Node or AccessTarget.CampaignBranch or AccessTarget.CampaignNode
            ? route.Refuses(StatusCodes.Status404NotFound)
            : route;
    }

    /// <summary>Checked by the endpoint itself or an authorization policy; declared for the API reference.</summary>
    public static TBuilder Declares<TBuilder>(this TBuilder route, string rule, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(new DeclaredAccess(roles, rule)).Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

    /// <summary>Takes no token (signing in, refreshing, signing out with the refresh token).</summary>
    public static TBuilder Public<TBuilder>(this TBuilder route, string rule)
        where TBuilder : IEndpointConventionBuilder => route.WithMetadata(new DeclaredAccess([], rule, Anonymous: true));

    private static TBuilder Refuses<TBuilder>(this TBuilder route, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata([.. statuses.Select(status => new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson))]);
}
