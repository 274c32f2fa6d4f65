using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using Orleans.Storage;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// The last line: whatever escapes an endpoint becomes problem details. Bad requests (malformed JSON, wrong types,
/// oversized bodies) say what is wrong; a lost optimistic-concurrency race is a retryable 409; an overloaded or
/// restarting silo is a 503 with Retry-After. Only a genuine bug is a 500.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception);
        if (status >= 500)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        }

        if (status == StatusCodes.Status503ServiceUnavailable || status == StatusCodes.Status409Conflict)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = JsonError(exception) is { } json
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [JsonPaths.ToField(json.Path)] = [JsonMessage(json)] })
                {
                    Status = status,
                    Title = title,
                    Detail = detail,
                }
                : new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The JSON failure behind a bad body, whose path names the field at fault.</summary>
    private static JsonException? JsonError(Exception exception) => exception switch
    {
        JsonException json => json,
        BadHttpRequestException { InnerException: JsonException json } => json,
        _ => null,
    };

    internal static (int Status, string Title, string Detail) Classify(Exception exception)
    {
        var root = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : exception;
        return root switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, "The body is not valid JSON for this request", JsonDetail(json)),
            BadHttpRequestException bad =>
                (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The body is too large" : "Bad request", bad.Message),
            JsonException json =>
                (StatusCodes.Status400BadRequest, "The body is not valid JSON for this request", JsonDetail(json)),
            InconsistentStateException =>
                (StatusCodes.Status409Conflict, "A concurrent update won", "Another update was stored first; nothing of yours was written. Retry the request."),
            TimeoutException or SiloUnavailableException or OrleansMessageRejectionException =>
                (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The platform is busy or restarting; retry in a moment."),
            // The runtime's failures of no particular kind, above all placement finding no active silo to activate a
            // grain on while the cluster's silos stop or start: nothing of the request was done, and a retry succeeds
            // once a silo is up. Its subclasses that mean something else are classified above.
            OrleansException when root.GetType() == typeof(OrleansException) =>
                (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The platform is restarting and no silo could take the request; retry in a moment."),
            OperationCanceledException =>
                (StatusCodes.Status503ServiceUnavailable, "Cancelled", "The request was cancelled before it completed; retry it."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The server failed to handle the request; it has been logged."),
        };
    }

    private static string JsonDetail(JsonException json) =>
        $"at '{JsonPaths.ToField(json.Path)}'{(json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "")}: {JsonMessage(json)}";

    /// <summary>
    /// What is wrong, in the API's words: System.Text.Json's messages name .NET types and members, which a client
    /// cannot act on. Syntax errors keep its message (it says which character is wrong); the position is in the detail.
    /// </summary>
    private static string JsonMessage(JsonException json)
    {
        var message = json.Message;
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        message = at > 0 ? message[..at] : message;
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return "is sent twice; send each key once (the second would silently replace the first)";
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return RetiredFields.TryGetValue(JsonPaths.ToField(json.Path), out var retired)
                ? retired
                : "is not a field of this request; remove it (see the API reference at /scalar/v1)";
        }

        const string converted = "could not be converted to ";
        var type = message.IndexOf(converted, StringComparison.Ordinal);
        return type < 0 ? message : Expected(message[(type + converted.Length)..]);
    }

    /// <summary>Fields the API once took and takes no more, with what replaced them: a client written against the old
    /// API is told why, not merely that the field is unknown.</summary>
    private static readonly Dictionary<string, string> RetiredFields = new(StringComparer.Ordinal)
    {
        ["actor"] = "is no longer taken: the audit names the account you signed in with; remove it",
        ["reviewerCity"] = "is no longer taken: a cross-check is made as the city of the reviewer you signed in as; remove it",
    };

    /// <summary>What a field of <paramref name="type"/> takes, from the .NET type System.Text.Json names; collections first,
    /// since their names contain their elements' (<c>System.String[]</c>).</summary>
    private static string Expected(string type) => type switch
    {
        // For a constructor parameter the message names the request's own type, not the field's: no guess then.
        _ when type.StartsWith("Platform.", StringComparison.Ordinal) => "has the wrong type for this field; see the API reference at /scalar/v1",
        _ when type.Contains("Dictionary", StringComparison.Ordinal) => "must be an object",
        _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) => "must be an array",
        _ when type.Contains("System.Decimal", StringComparison.Ordinal) || type.Contains("System.Int", StringComparison.Ordinal) => "must be a number",
        _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "must be true or false",
        _ when type.Contains("System.DateTimeOffset", StringComparison.Ordinal) => "must be a date and time such as 2026-09-30T18:00:00+08:00",
        _ when type.StartsWith("System.String", StringComparison.Ordinal) => "must be a string",
        _ => "has the wrong type for this field; see the API reference at /scalar/v1",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
