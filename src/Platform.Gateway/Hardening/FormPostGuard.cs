using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Hardening;

/// <summary>
/// No state changes from another site. A page elsewhere can make a browser send a POST without asking this origin
/// first (no CORS preflight) only with a form's content types (<c>application/x-www-form-urlencoded</c>,
/// <c>multipart/form-data</c>, <c>text/plain</c>) or with no content type at all; every other write needs a preflight,
/// which CORS refuses unless the origin is configured. So a write that carries such a body is refused (415) before its
/// route runs, unless the route declares it takes that type (<c>Accepts</c>). A write without a body (close) still
/// needs If-Match, which no form can send.
/// </summary>
internal static class FormPostGuard
{
    private static readonly string[] SimpleTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    public static async Task Apply(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || !HasBody(request))
        {
            await next();
            return;
        }

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        var simple = mediaType is null || SimpleTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
        var accepted = mediaType is not null && context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAcceptsMetadata>()
            .Any(a => a.ContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase)) == true;
        if (!simple || accepted)
        {
            await next();
            return;
        }

        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported media type",
                Detail = $"a write is not taken as {mediaType ?? "a body without a Content-Type"}, so that no page on another site can make a browser send one; " +
                    "send application/json (or the type the route names, e.g. text/csv for an import)",
            },
        });
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
