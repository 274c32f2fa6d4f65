using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;
using Platform.Domain.Tenancy;
using Platform.Gateway.Api;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class TenantEndpoints
{
    public static RouteGroupBuilder MapTenantEndpoints(this RouteGroupBuilder tenants)
    {
        tenants.MapPut("/{tenant}", Upsert)
            .WithSummary("Create a tenant (one province) or rename it, and set its minimum publicity (公示) in days")
            .WithDescription("Accounts and access control come later; until then any caller may create a tenant. A new tenant gets a first framework version in the chosen rating scheme.")
            .ProducesValidationProblem();
        tenants.MapGet("/{tenant}", Get)
            .WithSummary("A tenant and the code of its province (rootCode)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tenants;
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> Upsert(string tenant, TenantRequest request, IGrainFactory grains)
    {
        if (TenantIds.Problem(tenant) is { } problem)
        {
            return Problems.Invalid("tenant", problem);
        }

        var scheme = RatingScheme.Stars;
        if (request.RatingScheme is { } text && !RatingSchemes.TryParse(text, out scheme))
        {
            return Problems.Invalid("ratingScheme", "must be 'stars' or 'grades'");
        }

        var outcome = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Upsert(request.Name ?? "", scheme, request.MinimumPublicityDays);
        return outcome.Succeeded ? TypedResults.Ok(TenantDto.From(outcome.Value!)) : Problems.Of(outcome);
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> Get(string tenant, IGrainFactory grains)
    {
        if (TenantIds.Problem(tenant) is { } problem)
        {
            return Problems.Invalid("tenant", problem);
        }

        var info = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Get();
        return info is null ? Problems.NotFound($"there is no tenant '{tenant}'") : TypedResults.Ok(TenantDto.From(info));
    }
}
