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
    /// <summary>A name and a scheme.</summary>
    private const long MaxBodyBytes = 4 * 1024;

    public static RouteGroupBuilder MapTenantEndpoints(this RouteGroupBuilder tenants)
    {
        tenants.MapPut("/{tenant}", Upsert)
            .WithSummary("Create a tenant (one province), rename it, or set its minimum publicity (公示) in days")
            .WithDescription("Accounts and access control come later; until then any caller may create a tenant. A new tenant gets a first framework version in the chosen rating scheme, which never changes. To change a tenant, send If-Match with the ETag you read: a stale ETag gets 412, a missing one 428.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        tenants.MapGet("/{tenant}", Get)
            .WithSummary("A tenant and the code of its province (rootCode), with its ETag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tenants;
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> Upsert(
        string tenant, TenantRequest request, IGrainFactory grains, HttpRequest http, HttpResponse response)
    {
        if (TenantIds.Problem(tenant) is { } problem)
        {
            return Problems.Invalid("tenant", problem);
        }

        RatingScheme? scheme = null;
        if (request.RatingScheme is { } text)
        {
            if (!RatingSchemes.TryParse(text, out var parsed))
            {
                return Problems.Invalid("ratingScheme", "must be 'stars' or 'grades'");
            }

            scheme = parsed;
        }

        var (expected, badIfMatch) = ETags.IfMatch(http);
        if (badIfMatch is not null)
        {
            return Problems.Invalid([badIfMatch]);
        }

        var outcome = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Upsert(request.Name ?? "", scheme, expected, request.MinimumPublicityDays);
        return outcome.Succeeded ? Reply(outcome.Value!, response) : Problems.Of(outcome);
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> Get(string tenant, IGrainFactory grains, HttpResponse response)
    {
        if (TenantIds.Problem(tenant) is { } problem)
        {
            return Problems.Invalid("tenant", problem);
        }

        var info = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Get();
        return info is null ? Problems.NotFound($"there is no tenant '{tenant}'") : Reply(info, response);
    }

    private static Ok<TenantDto> Reply(TenantInfo info, HttpResponse response)
    {
        response.Headers.ETag = ETags.Of(info.Revision);
        return TypedResults.Ok(TenantDto.From(info));
    }
}
