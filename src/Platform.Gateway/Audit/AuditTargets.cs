using Platform.Gateway.Api;
using Platform.Gateway.Identity;

namespace Platform.Gateway.Audit;

/// <summary>
/// The resource a write route acts on, as a path relative to its tenant without the action: the route's own path up to
/// its last route value (<c>nodes/430100/move</c> → <c>nodes/430100</c>, <c>campaigns/c1/branches/X/review</c> →
/// <c>campaigns/c1/branches/X</c>), or, for a route that creates what it names, the created resource; for a change a
/// person makes to their own account (<see cref="AuditsOwnAccount"/>), that account.
/// </summary>
internal static class AuditTargets
{
    public const string Tenant = "tenant";

    public static string Of(HttpContext context, object? value)
    {
        if (value switch
            {
                CampaignDto c => $"campaigns/{c.Id}",
                FrameworkDto { Version: { } version } => $"framework/versions/{version}",
                ImportReportDto i => $"imports/{i.ImportId}",
                _ => null,
            } is { } created)
        {
            return created;
        }

        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return Tenant;
        }

        if (endpoint.Metadata.GetMetadata<AuditsOwnAccount>() is not null && context.Caller() is { } caller)
        {
            return $"accounts/{caller.Username}";
        }

        var segments = new List<string>();
        var kept = 0;
        var afterTenant = false;
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            if (segment.Parts is [Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: var name }])
            {
                if (name == "tenant")
                {
                    afterTenant = true;
                    continue;
                }

                if (afterTenant)
                {
                    segments.Add(context.Request.RouteValues[name]?.ToString() ?? "");
                    kept = segments.Count;
                }

                continue;
            }

            if (afterTenant && segment.Parts is [Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal])
            {
                segments.Add(literal.Content);
            }
        }

        var path = string.Join('/', kept > 0 ? segments.Take(kept) : segments);
        return path.Length == 0 ? Tenant : path;
    }
}
