using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Infrastructure;

/// <summary>Marks a route that answers its resource's revision as an <c>ETag</c> (see <see cref="ConditionalRequests"/>).</summary>
internal sealed class AnswersETagMetadata
{
    public static readonly AnswersETagMetadata Instance = new();
}

/// <summary>
/// Routes that answer an <c>ETag</c>: the OpenAPI document declares the header, and a read honours
/// <c>If-None-Match</c> with <c>304 Not Modified</c> (no body, the same ETag), so a client polling a node, an assessment
/// or a campaign entry does not download what it already holds.
/// </summary>
internal static class ConditionalRequests
{
    public static RouteHandlerBuilder AnswersETag(this RouteHandlerBuilder route) =>
        route.WithMetadata(AnswersETagMetadata.Instance).AddEndpointFilter(NotModifiedAsync);

    private static async ValueTask<object?> NotModifiedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            || (result is INestedHttpResult nested ? nested.Result : result) is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }
            || http.Request.Headers.IfNoneMatch.Count == 0
            || !EntityTagHeaderValue.TryParse(http.Response.Headers.ETag.ToString(), out var current))
        {
            return result;
        }

        return EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var sent)
            && sent.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false))
                ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
                : result;
    }
}
