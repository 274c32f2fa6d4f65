namespace Platform.Gateway.Hardening;

/// <summary>
/// Headers on every answer, errors and 429s included: no content sniffing, no framing, no referrer, a content security
/// policy that lets the API's JSON run nothing and the API reference page (<c>/scalar</c>) load only its own script,
/// and no caching of tenant data or sign-in answers by browsers or proxies.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>An API answer is data: nothing in it may load or run.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The Scalar reference page: its bundle is served by the gateway itself (<c>/scalar/scalar.js</c>); the page
    /// configures it in an inline script and styles itself inline; it reads the OpenAPI document and sends the "try it"
    /// requests to this origin; it loads its fonts from fonts.scalar.com (without them the page falls back to system
    /// fonts and still works).
    /// </summary>
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data: https://fonts.scalar.com; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";

    public static Task Apply(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase) ? ReferencePolicy : ApiPolicy;
            if (IsPrivate(context.Request.Path))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>Tenant data and sign-in answers (tokens) are never kept by a browser or a proxy.</summary>
    private static bool IsPrivate(PathString path) =>
        path.StartsWithSegments("/api/v1/tenants", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase);
}
