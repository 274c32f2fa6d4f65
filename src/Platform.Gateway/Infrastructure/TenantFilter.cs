using Platform.Domain.Tenancy;

namespace Platform.Gateway.Infrastructure;

/// <summary>Every route under <c>/api/v1/tenants/{tenant}/</c> names its tenant, and nothing is touched unless it exists
/// and is not suspended.</summary>
internal sealed class TenantFilter(TenantDirectory tenants) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tenant = context.HttpContext.Request.RouteValues["tenant"] as string;
        if (TenantIds.Problem(tenant) is { } problem)
        {
            return Problems.Invalid("tenant", problem);
        }

        if (!await tenants.ExistsAsync(tenant!))
        {
            return Problems.NotFound($"there is no tenant '{tenant}'; create it with PUT /api/v1/tenants/{tenant}");
        }

        if (await tenants.IsSuspendedAsync(tenant!))
        {
            return TypedResults.Problem(TenantDirectory.SuspendedDetail(tenant!), statusCode: StatusCodes.Status403Forbidden, title: "Tenant suspended");
        }

        return await next(context);
    }
}
