using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Identity;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Gateway.Identity;
using Platform.Gateway.Infrastructure;
using Platform.Contracts.Hierarchy;

namespace Platform.Gateway.Access;

/// <summary>
/// The one check between a route of the tenant API and its grains, run before the endpoint, in this order:
/// <list type="number">
/// <item>signed in, or 401;</item>
/// <item>the route's tenant is the token's, or 403, before any grain is called and without a word about the other tenant;</item>
/// <item>the caller's role may do the route's <see cref="AccessRequirement.Operation"/> (<see cref="AccessRules"/>), or 403;</item>
/// <item>what the route addresses lies in the caller's scope, or 404 exactly as if it did not exist; a province-wide
/// report needs a province-wide account (403); nodes a body names must lie in scope too (400 naming the field).</item>
/// </list>
/// Then the endpoint reaches its grains through <see cref="TenantAccess"/>, which holds what was checked.
/// </summary>
internal sealed class AccessFilter(NodeAncestry ancestry, IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<AccessRequirement>() is not { } requirement)
        {
            // A route of the tenant API that declares nothing answers nobody, rather than everybody.
            return Problems.Forbidden("this route declares no access rule, so it answers nobody; it is a defect, please report it");
        }

        if (http.Caller() is not { } caller)
        {
            return Problems.Unauthorized("sign in first (POST /api/v1/auth/sign-in) and send the access token as 'Authorization: Bearer …'");
        }

        if (caller.Tenant is null)
        {
            return Problems.Forbidden(AccessRules.Refusal(caller.Role, requirement.Operation));
        }

        if (http.Request.RouteValues["tenant"] is not string tenant || caller.Tenant != tenant)
        {
            return Problems.Forbidden("your account belongs to another tenant; sign in with an account of the tenant in the address");
        }

        if (!AccessRules.Permits(caller.Role, requirement.Operation))
        {
            return Problems.Forbidden(AccessRules.Refusal(caller.Role, requirement.Operation));
        }

        var code = http.Request.RouteValues[AccessRequirement.CodeRouteValue] as string;
        var campaignId = http.Request.RouteValues[AccessRequirement.CampaignRouteValue] as string;
        var refusal = requirement.Target switch
        {
            AccessTarget.Tenant => null,
            AccessTarget.Province => await ProvinceWideAsync(caller, tenant),
            AccessTarget.Node => await NodeAsync(caller, tenant, code),
            AccessTarget.CampaignNode => code is null ? await ProvinceWideAsync(caller, tenant) : await NodeAsync(caller, tenant, code),
            AccessTarget.CampaignBranch => await CampaignBranchAsync(caller, tenant, requirement.Operation, campaignId, code),
            _ => throw new InvalidOperationException($"no check for {requirement.Target}"),
        };
        refusal ??= await BodyNodesAsync(caller, tenant, context.Arguments);
        if (refusal is not null)
        {
            return refusal;
        }

        http.Features.Set(new AccessGrant(caller, tenant, requirement, code, campaignId));
        return await next(context);
    }

    /// <summary>Whether <paramref name="caller"/>'s scope holds the node <paramref name="code"/>.</summary>
    public async ValueTask<bool> CoversAsync(Caller caller, string tenant, string code) =>
        AccessRules.SeesWholeTenant(caller.Role)
        || (NodeCodes.IsWellFormed(code) && AccessRules.Covers(caller.Role, caller.ScopeCode, await ancestry.PathAsync(tenant, code)));

    private async ValueTask<ProblemHttpResult?> ProvinceWideAsync(Caller caller, string tenant)
    {
        if (AccessRules.SeesWholeTenant(caller.Role))
        {
            return null;
        }

        var scopePath = caller.ScopeCode is { } scope ? await ancestry.PathAsync(tenant, scope) : null;
        return AccessRules.IsProvinceWide(caller.Role, scopePath)
            ? null
            : Problems.Forbidden($"this reads the whole province, which needs a province-wide account; read your own part instead (your scope is '{caller.ScopeCode}')");
    }

    /// <summary>A malformed code passes, for the endpoint to refuse it as such (400): it names nothing that could exist.</summary>
    private async ValueTask<ProblemHttpResult?> NodeAsync(Caller caller, string tenant, string? code) =>
        code is null || !NodeCodes.IsWellFormed(code) || await CoversAsync(caller, tenant, code) ? null : OutOfReach(code);

    private async ValueTask<ProblemHttpResult?> CampaignBranchAsync(Caller caller, string tenant, Operation operation, string? campaignId, string? code)
    {
        if (code is null || campaignId is null || !NodeCodes.IsWellFormed(code))
        {
            return null;
        }

        // A cross-check is the assigned city's alone; a reviewer also reads what it is assigned, while the check is open.
        var inScope = operation != Operation.CrossCheck && await CoversAsync(caller, tenant, code);
        if (inScope)
        {
            return null;
        }

        var assigned = caller.Role == Role.Reviewer
            && await grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenant, campaignId)).GetOpenAssignment(code) is { } assignment
            && assignment.ReviewerCity == caller.ScopeCode;
        return assigned ? null : OutOfReach(code);
    }

    private async ValueTask<ProblemHttpResult?> BodyNodesAsync(Caller caller, string tenant, IList<object?> arguments)
    {
        foreach (var body in arguments.OfType<IAddressesNodes>())
        {
            foreach (var (field, code) in body.AddressedNodes())
            {
                if (NodeCodes.IsWellFormed(code) && !await CoversAsync(caller, tenant, code))
                {
                    return Problems.Invalid(field, $"there is no open node '{code}' within your scope");
                }
            }
        }

        return null;
    }

    /// <summary>The one answer for a node outside the caller's scope and a node that does not exist.</summary>
    private static ProblemHttpResult OutOfReach(string code) =>
        Problems.NotFound($"there is no '{code}' within your scope in this tenant");
}
