using Platform.Domain.Identity;

namespace Platform.Gateway.Access;

/// <summary>
/// What a route of the tenant API needs (endpoint metadata): the operation the rules judge and what the route addresses.
/// <see cref="AccessFilter"/> checks it before the endpoint runs; the OpenAPI document shows it.
/// </summary>
public sealed record AccessRequirement(Operation Operation, AccessTarget Target)
{
    public const string CodeRouteValue = "code";
    public const string CampaignRouteValue = "id";

    public IReadOnlyList<Role> Roles => AccessRules.RolesFor(Operation);

    /// <summary>Where in the tenant, in words, for the API reference.</summary>
    public string Scope => Target switch
    {
        AccessTarget.Tenant => "any node of the tenant",
        AccessTarget.Province => "a province-wide account (a tenant admin, or a viewer scoped at the province)",
        AccessTarget.Node => "the node must lie in the caller's scope subtree; any other answers 404 as a node that does not exist",
        AccessTarget.CampaignBranch => Operation == Operation.CrossCheck
            ? "a reviewer of the city the draw assigned the branch, while the cross-check is open; any other answers 404"
            : "the branch must lie in the caller's scope subtree (a reviewer also reads the branches assigned to its city while the cross-check is open); any other answers 404",
        AccessTarget.CampaignNode => "the region or school must lie in the caller's scope subtree (404 otherwise); the whole campaign needs a province-wide account",
        _ => throw new ArgumentOutOfRangeException(nameof(Target), Target, null),
    };
}

/// <summary>A route outside the tenant API whose access the endpoint (or an authorization policy) checks itself:
/// declared for the OpenAPI document, so every operation says what it needs.</summary>
/// <param name="Roles">Who may call it; empty with <paramref name="Anonymous"/> for a route that takes no token.</param>
/// <param name="Rule">The rule in words.</param>
public sealed record DeclaredAccess(IReadOnlyList<Role> Roles, string Rule, bool Anonymous = false);
