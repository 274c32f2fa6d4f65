namespace Platform.Gateway.Infrastructure;

/// <summary>What every command that changes a versioned resource declares in the OpenAPI document.</summary>
internal static class CommandMetadata
{
    /// <summary>The body limit and the problems of a guarded command: 400 naming the field, 404, 409, 412 stale If-Match,
    /// 428 missing If-Match.</summary>
    public static RouteHandlerBuilder GuardedCommand(this RouteHandlerBuilder route, long maxBodyBytes) => route
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxBodyBytes))
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
