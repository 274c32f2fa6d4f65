using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Identity;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

/// <summary>A tenant's own OpenID Connect provider (统一身份认证), configured by its tenant admin.</summary>
internal static class ExternalProviderEndpoints
{
    private const long MaxBodyBytes = 8 * 1024;

    public static RouteGroupBuilder MapExternalProviderEndpoints(this RouteGroupBuilder tenant)
    {
        var provider = tenant.MapGroup("/identity-provider").WithTags("Accounts").Requires(Operation.ChangeTenant);
        provider.MapPut("/", Put)
            .WithSummary("Accept the tenant's own OpenID Connect provider's tokens on this tenant's routes (tenant admin)")
            .WithDescription("Give the authority (issuer), the audience its tokens carry for this platform, and how their claims map: the username claim, the role claim and what each of its values means, and the claim holding the scope node's code. Keys are read from the authority's discovery document and JWKS, cached.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem();
        provider.MapGet("/", Get)
            .WithSummary("The tenant's external provider (tenant admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        provider.MapDelete("/", Delete)
            .WithSummary("Stop accepting the external provider's tokens (tenant admin)");
        return tenant;
    }

    private static async Task<Results<Ok<ExternalProvider>, ProblemHttpResult>> Put(
        string tenant, ExternalProviderRequest request, HttpContext http, IGrainFactory grains, ExternalProviders providers)
    {
        if (Refusal(http, tenant) is { } refusal)
        {
            return refusal;
        }

        var errors = new List<Domain.Hierarchy.FieldError>();
        if (!Uri.TryCreate(request.Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
        {
            errors.Add(new("authority", "must be the provider's https URL (its issuer)"));
        }

        foreach (var (field, value) in new[] { ("audience", request.Audience), ("usernameClaim", request.UsernameClaim), ("roleClaim", request.RoleClaim), ("scopeClaim", request.ScopeClaim) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
            {
                errors.Add(new(field, "is required (at most 200 characters)"));
            }
        }

        if (request.RoleValues is not { Count: > 0 } values)
        {
            errors.Add(new("roleValues", "must map at least one value of the role claim to a role"));
        }
        else
        {
            foreach (var (value, role) in values)
            {
                if (!Roles.TryParse(role, out var parsed) || parsed == Role.Operator)
                {
                    errors.Add(new($"roleValues.{value}", "must be one of tenantAdmin, regionAdmin, branchSecretary, reviewer, viewer"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var provider = new ExternalProvider(request.Authority!, request.Audience!, request.UsernameClaim!, request.RoleClaim!,
            request.RoleValues!.ToDictionary(p => p.Key, p => Roles.TryParse(p.Value, out var r) ? r.ToApiName() : p.Value), request.ScopeClaim!);
        await grains.GetGrain<IExternalProviderGrain>(GrainKeys.ExternalProvider(tenant)).Set(provider);
        providers.Forget(tenant);
        return TypedResults.Ok(provider);
    }

    private static async Task<Results<Ok<ExternalProvider>, ProblemHttpResult>> Get(string tenant, HttpContext http, IGrainFactory grains)
    {
        if (Refusal(http, tenant) is { } refusal)
        {
            return refusal;
        }

        var provider = await grains.GetGrain<IExternalProviderGrain>(GrainKeys.ExternalProvider(tenant)).Get();
        return provider is null ? Problems.NotFound($"tenant '{tenant}' has no external provider; PUT one here") : TypedResults.Ok(provider);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string tenant, HttpContext http, IGrainFactory grains, ExternalProviders providers)
    {
        if (Refusal(http, tenant) is { } refusal)
        {
            return refusal;
        }

        await grains.GetGrain<IExternalProviderGrain>(GrainKeys.ExternalProvider(tenant)).Set(null);
        providers.Forget(tenant);
        return TypedResults.NoContent();
    }

    /// <summary>The access filter admitted a tenant admin of this tenant; one signed in through the provider itself may
    /// not reconfigure what lets it in.</summary>
    private static ProblemHttpResult? Refusal(HttpContext http, string tenant) =>
        http.Caller() is { } caller && !caller.AccountId.StartsWith(ExternalTokenHandler.SubjectPrefix, StringComparison.Ordinal)
            ? null
            : Problems.Forbidden($"only tenant '{tenant}''s own admin signed in with a platform password configures its identity provider; sign in with it");
}
