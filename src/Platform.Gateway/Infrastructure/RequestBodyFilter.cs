namespace Platform.Gateway.Infrastructure;

/// <summary>Refuses a body with nulls where values belong before the endpoint runs (see <see cref="IRequestBody"/>).</summary>
internal sealed class RequestBodyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IRequestBody body && body.NullElements().ToList() is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors);
            }
        }

        return await next(context);
    }
}
