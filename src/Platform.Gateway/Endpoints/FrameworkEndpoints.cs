using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Contracts.Framework;
using Platform.Gateway.Api;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Endpoints;

internal static class FrameworkEndpoints
{
    public static RouteGroupBuilder MapFrameworkEndpoints(this RouteGroupBuilder tenant)
    {
        var framework = tenant.MapGroup("/framework").WithTags("Framework");
        framework.MapGet("/", GetCurrent).WithSummary("The current 五化 framework version: dimensions, indicators, bands, gates and veto items");
        framework.MapGet("/versions", List).WithSummary("Every published version, oldest first");
        framework.MapGet("/versions/{version:int}", GetVersion).WithSummary("One published version").ProducesProblem(StatusCodes.Status404NotFound);
        framework.MapPost("/versions", Publish)
            .WithSummary("Publish a new version; it becomes current for new assessments")
            .WithDescription("The five dimensions must add up to 100 points; bands list every level of the scheme, lowest first, from 0.")
            .ProducesValidationProblem();
        return tenant;
    }

    private static async Task<Results<Ok<FrameworkDto>, ProblemHttpResult>> GetCurrent(string tenant, IGrainFactory grains)
    {
        var current = await Grain(grains, tenant).GetCurrent();
        return current is null ? Problems.NotFound($"tenant '{tenant}' has no framework version") : TypedResults.Ok(FrameworkDto.From(current));
    }

    private static async Task<Ok<List<FrameworkDto>>> List(string tenant, IGrainFactory grains) =>
        TypedResults.Ok((await Grain(grains, tenant).ListVersions()).Select(FrameworkDto.From).ToList());

    private static async Task<Results<Ok<FrameworkDto>, ProblemHttpResult>> GetVersion(string tenant, int version, IGrainFactory grains)
    {
        var found = await Grain(grains, tenant).GetVersion(version);
        return found is null ? Problems.NotFound($"tenant '{tenant}' has no framework version {version}") : TypedResults.Ok(FrameworkDto.From(found));
    }

    private static async Task<Results<Created<FrameworkDto>, ProblemHttpResult>> Publish(string tenant, FrameworkDto body, IGrainFactory grains, HttpRequest request)
    {
        var (draft, errors) = body.ToDraft();
        if (draft is null)
        {
            return Problems.Invalid(errors);
        }

        var published = await Grain(grains, tenant).Publish(draft);
        if (!published.Succeeded)
        {
            return Problems.Of(published);
        }

        var dto = FrameworkDto.From(published.Value!);
        return TypedResults.Created($"{request.PathBase}{request.Path}/{dto.Version}", dto);
    }

    private static IFrameworkGrain Grain(IGrainFactory grains, string tenant) =>
        grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework(tenant));
}
