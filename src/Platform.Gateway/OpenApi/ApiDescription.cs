using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.OpenApi;

/// <summary>The document's <c>info</c>: what the API is, its licence, and the servers without a trailing slash.</summary>
internal static class ApiDescription
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Signing in, tokens and passwords (登录), and a tenant's accounts: one per person, with a role and a scope node.",
        ["Tenants"] = "Tenants (one province each): creating, reading, suspending and resuming them; the platform operator's and each tenant admin's.",
        ["Audit"] = "The tenant's audit log (审计日志): every write, who made it, on what, with what answer.",
        ["Hierarchy"] = "The hierarchy of organisations and schools (组织体系) with live rollups: reading, ranking children, moving and closing nodes.",
        ["Assessments"] = "A branch's standing assessment and rating (评定) outside campaigns: scores, veto events, corrections and their history.",
        ["Framework"] = "The 五化 framework: dimensions, indicators, rating bands, gates and veto items, published as versions.",
        ["Imports"] = "Importing the hierarchy from CSV or Excel (批量导入), with each rejected row and why.",
        ["Campaigns"] = "Evaluation campaigns (评定活动): self-assessment, review, cross-check, publicity, appeals and final, with progress, laggards and exports.",
    };

    public static Task Apply(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Platform: 教育系统党建“五化”标准化 API";
        document.Info.Description = """
            Multi-tenant Party-building (党建) standardisation for a province's education system: the hierarchy of party
            organisations and schools with live rollups, the 五化 framework, standing assessments with their audit trail,
            hierarchy imports and evaluation campaigns (self-assessment, review, cross-check, publicity, appeals, final).

            Sign in with `POST /api/v1/auth/sign-in` and send the access token as `Authorization: Bearer …`; every tenant
            route checks the tenant, the role and the scope of the token. Versioned resources answer an `ETag`: send it back
            in `If-Match` to change them (a stale one gets 412, none 428) and in `If-None-Match` to read them again cheaply
            (304 when unchanged). Errors are RFC 7807 problem details (`application/problem+json`); a 400 names each field at
            fault in `errors`; 429 and 503 say in `Retry-After` when to try again.
            """;
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && Tags.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        return Task.CompletedTask;
    }
}
