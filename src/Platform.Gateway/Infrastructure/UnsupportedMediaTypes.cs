using Platform.Gateway.Imports;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Says what to send instead when routing refuses a body's type (415): routing answers before any endpoint runs,
/// with a problem that names nothing, for every route that declares what it accepts (<c>Accepts</c>).
/// </summary>
internal static class UnsupportedMediaTypes
{
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status415UnsupportedMediaType || context.ProblemDetails.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        var sent = string.IsNullOrEmpty(request.ContentType) ? "a body without a Content-Type" : request.ContentType;
        context.ProblemDetails.Detail = request.Path.Value?.EndsWith("/imports/hierarchy", StringComparison.Ordinal) == true
            ? $"an import is not taken as {sent}; send {ImportUpload.Accepted}"
            : $"this route does not take {sent}; send the type its documentation names (application/json for a command)";
    }
}
