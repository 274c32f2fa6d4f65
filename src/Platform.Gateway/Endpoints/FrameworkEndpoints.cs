using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Domain.Identity;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class FrameworkEndpoints
{
    /// <summary>A version of the full 200 indicators with long names and descriptions is about 100 KB.</summary>
    private const long MaxBodyBytes = 256 * 1024;

    public static RouteGroupBuilder MapFrameworkEndpoints(this RouteGroupBuilder tenant)
    {
        var framework = tenant.MapGroup("/framework").WithTags("Framework");
        framework.MapGet("/", GetCurrent).AnswersETag()
            .Requires(Operation.ReadTenantWide)
            .WithSummary("The current 五化 framework version: dimensions, indicators, bands, gates and veto items; its ETag is its version");
        framework.MapGet("/versions", List).Requires(Operation.ReadTenantWide).WithSummary("Every published version, oldest first: version, name, ratingScheme and publishedAt");
        framework.MapGet("/versions/{version:int}", GetVersion).Requires(Operation.ReadTenantWide).WithSummary("One published version, whole").ProducesProblem(StatusCodes.Status404NotFound);
        framework.MapPost("/versions", Publish).AnswersETag()
            .Requires(Operation.PublishFramework)
            .WithSummary("Publish a new version; it becomes current for new assessments")
            .WithDescription("Send If-Match with the ETag of the current version your draft starts from (GET framework): a stale one gets 412, a missing one 428, so two administrators cannot both publish from the same version. The five dimensions must add up to 100 points; bands list every level of the tenant's scheme, lowest first, from 0, each reachable, with gates that only tighten; a bonus indicator is worth at most bonusCap.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return tenant;
    }

    private static async Task<Results<Ok<FrameworkDto>, ProblemHttpResult>> GetCurrent(TenantAccess access, HttpResponse response)
    {
        var current = await access.Framework.GetCurrent();
        if (current is null)
        {
            return Problems.NotFound($"tenant '{access.Tenant}' has no framework version");
        }

        response.Headers.ETag = ETags.Of(current.Version);
        return TypedResults.Ok(FrameworkDto.From(current));
    }

    private static async Task<Ok<List<FrameworkVersionSummaryDto>>> List(TenantAccess access) =>
        TypedResults.Ok((await access.Framework.ListVersions()).Select(FrameworkVersionSummaryDto.From).ToList());

    private static async Task<Results<Ok<FrameworkDto>, ProblemHttpResult>> GetVersion(int version, TenantAccess access)
    {
        var found = await access.Framework.GetVersion(version);
        return found is null ? Problems.NotFound($"tenant '{access.Tenant}' has no framework version {version}") : TypedResults.Ok(FrameworkDto.From(found));
    }

    private static async Task<Results<Created<FrameworkDto>, ProblemHttpResult>> Publish(
        FrameworkDto body, TenantAccess access, HttpRequest request, HttpResponse response)
    {
        var (expected, badIfMatch) = ETags.IfMatch(request);
        if (badIfMatch is not null)
        {
            return Problems.Invalid([badIfMatch]);
        }

        var (draft, errors) = body.ToDraft();
        if (draft is null)
        {
            return Problems.Invalid(errors);
        }

        var published = await access.Framework.Publish(draft, expected);
        if (!published.Succeeded)
        {
            return Problems.Of(published);
        }

        var dto = FrameworkDto.From(published.Value!);
        response.Headers.ETag = ETags.Of(published.Value!.Version);
        return TypedResults.Created($"{request.PathBase}{request.Path}/{dto.Version}", dto);
    }
}
