namespace Platform.Gateway.Infrastructure;

/// <summary>Every 503 tells the client when to try again, whether it came from a refused command or an exception.</summary>
internal static class RetryAfter
{
    public static Task OnUnavailable(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && !context.Response.Headers.ContainsKey("Retry-After"))
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return Task.CompletedTask;
        });
        return next();
    }
}
