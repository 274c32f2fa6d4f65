using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;
using Platform.Domain.Identity;
using Platform.Domain.Tenancy;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Identity;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class TenantEndpoints
{
    /// <summary>A name and a scheme.</summary>
    private const long MaxBodyBytes = 4 * 1024;

    public const string DefaultAdminUsername = "admin";

    public static RouteGroupBuilder MapTenantEndpoints(this RouteGroupBuilder tenants)
    {
        tenants.MapGet("/", List)
            .RequireAuthorization(PlatformIdentity.OperatorPolicy)
            .Declares("the platform operator only", Role.Operator)
            .WithSummary("Every tenant, with whether it is suspended (the platform operator only)");
        tenants.MapPut("/{tenant}", Upsert).AnswersETag()
            .Declares("creating a tenant is the platform operator's; changing one is its own tenant admin's", Role.Operator, Role.TenantAdmin)
            .WithSummary("Create a tenant (one province; the platform operator only), or rename it or set its minimum publicity (公示) in days (its tenant admin)")
            .WithDescription("Creating answers 201 with the tenant's first admin (adminUsername, default 'admin') and a one-time password, shown once: the admin must change it at the first sign-in. A new tenant gets a first framework version in the chosen rating scheme, which never changes. To change a tenant, send If-Match with the ETag you read: a stale ETag gets 412, a missing one 428.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        tenants.MapGet("/{tenant}", Get).AnswersETag()
            .RequireAuthorization()
            .Requires(Operation.ReadTenantWide)
            .AddEndpointFilter<AccessFilter>()
            .WithSummary("A tenant and the code of its province (rootCode), with its ETag")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPost("/{tenant}/suspend", Suspend)
            .RequireAuthorization(PlatformIdentity.OperatorPolicy)
            .Declares("the platform operator only", Role.Operator)
            .WithSummary("Suspend a tenant (the platform operator only): its people can sign in, read and write nothing; nothing is deleted")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPost("/{tenant}/resume", Resume)
            .RequireAuthorization(PlatformIdentity.OperatorPolicy)
            .Declares("the platform operator only", Role.Operator)
            .WithSummary("Resume a suspended tenant (the platform operator only)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tenants;
    }

    private static async Task<Ok<TenantListItemDto[]>> List(IGrainFactory grains)
    {
        var registry = grains.GetGrain<ITenantRegistryGrain>(GrainKeys.TenantRegistry);
        var suspended = (await registry.Suspended()).ToHashSet(StringComparer.Ordinal);
        var infos = await Task.WhenAll((await registry.List()).Select(id => grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(id)).Get()));
        return TypedResults.Ok(infos.OfType<TenantInfo>()
            .OrderBy(info => info.Id, StringComparer.Ordinal)
            .Select(info => new TenantListItemDto(info.Id, info.Name, info.RootCode, info.CreatedAt, suspended.Contains(info.Id)))
            .ToArray());
    }

    private static async Task<Results<Ok<TenantDto>, Created<CreatedTenantDto>, ProblemHttpResult>> Upsert(
        string tenant, TenantRequest request, IGrainFactory grains, AccountProvisioning provisioning, HttpContext http)
    {
        if (TenantIds.Problem(tenant) is { } problem)
        {
            return Problems.Invalid("tenant", problem);
        }

        var caller = http.Caller();
        if (caller is null)
        {
            return Problems.Unauthorized("sign in first: creating a tenant is the platform operator's, changing one its tenant admin's");
        }

        var grain = grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant));
        var existing = await grain.Get();
        if (existing is null && caller.Role != Role.Operator)
        {
            return Problems.Forbidden("only the platform operator creates tenants");
        }

        if (existing is not null && (caller.Role != Role.TenantAdmin || caller.Tenant != tenant))
        {
            return Problems.Forbidden($"only tenant '{tenant}''s admin changes it");
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

        var adminUsername = request.AdminUsername ?? DefaultAdminUsername;
        if (existing is null && Usernames.Problem(adminUsername) is { } usernameProblem)
        {
            return Problems.Invalid("adminUsername", usernameProblem);
        }

        var (expected, badIfMatch) = ETags.IfMatch(http.Request);
        if (badIfMatch is not null)
        {
            return Problems.Invalid([badIfMatch]);
        }

        var outcome = await grain.Upsert(request.Name ?? "", scheme, expected, request.MinimumPublicityDays);
        if (!outcome.Succeeded)
        {
            return Problems.Of(outcome);
        }

        var info = outcome.Value!;
        http.Response.Headers.ETag = ETags.Of(info.Revision);
        if (existing is not null)
        {
            return TypedResults.Ok(TenantDto.From(info));
        }

        var admin = await CreateFirstAdminAsync(provisioning, tenant, info, adminUsername);
        if (!admin.Succeeded)
        {
            return Problems.Of(admin);
        }

        var issued = admin.Value!;
        return TypedResults.Created($"/api/v1/tenants/{tenant}", new CreatedTenantDto(
            info.Id, info.Name, info.RootCode, info.Scheme.ToApiName(), info.CreatedAt, info.MinimumPublicityDays,
            new IssuedAccountDto(issued.Account.Username, issued.Password, issued.Account.Role.ToApiName(), issued.Account.ScopeCode, true)));
    }

    /// <summary>The tenant's first admin, with a one-time password. Should a creation have stopped between the tenant
    /// and its admin, the operator's retry finds the admin there and gives it a new one-time password.</summary>
    private static async Task<Outcome<IssuedAccount>> CreateFirstAdminAsync(AccountProvisioning provisioning, string tenant, TenantInfo info, string username)
    {
        var draft = new AccountDraft(username, $"{info.Name} 管理员", Role.TenantAdmin, info.RootCode);
        var created = await provisioning.CreateAsync(tenant, draft, mustChangePassword: true);
        return created.Failure == Failure.Conflict ? await provisioning.ResetAsync(tenant, username) : created;
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> Get(TenantAccess access, HttpResponse response)
    {
        var info = await access.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(access.Tenant)).Get();
        return info is null ? Problems.NotFound($"there is no tenant '{access.Tenant}'") : Reply(info, response);
    }

    private static Task<Results<Ok<TenantListItemDto>, ProblemHttpResult>> Suspend(string tenant, IGrainFactory grains, TenantDirectory directory) =>
        SetSuspendedAsync(tenant, true, grains, directory);

    private static Task<Results<Ok<TenantListItemDto>, ProblemHttpResult>> Resume(string tenant, IGrainFactory grains, TenantDirectory directory) =>
        SetSuspendedAsync(tenant, false, grains, directory);

    private static async Task<Results<Ok<TenantListItemDto>, ProblemHttpResult>> SetSuspendedAsync(
        string tenant, bool suspended, IGrainFactory grains, TenantDirectory directory)
    {
        if (TenantIds.Problem(tenant) is { } problem)
        {
            return Problems.Invalid("tenant", problem);
        }

        var info = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Get();
        if (info is null || !await grains.GetGrain<ITenantRegistryGrain>(GrainKeys.TenantRegistry).SetSuspended(tenant, suspended))
        {
            return Problems.NotFound($"there is no tenant '{tenant}'; GET /api/v1/tenants lists them");
        }

        await directory.RefreshSuspendedAsync();
        return TypedResults.Ok(new TenantListItemDto(info.Id, info.Name, info.RootCode, info.CreatedAt, suspended));
    }

    private static Ok<TenantDto> Reply(TenantInfo info, HttpResponse response)
    {
        response.Headers.ETag = ETags.Of(info.Revision);
        return TypedResults.Ok(TenantDto.From(info));
    }
}
