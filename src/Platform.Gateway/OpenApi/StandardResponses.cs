using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// The answers that do not come from an endpoint but from what stands before it, on every operation they can reach:
/// 429 from the rate limits and 503 while the silo is busy or restarting (both with <c>Retry-After</c>); 401 and 403
/// from sign-in and access checks; 400, 413 and 415 for a body that cannot be read, is too large or of a type the route
/// does not take. And the headers of versioned resources: <c>ETag</c> on what they answer, <c>If-Match</c> on the
/// commands that need it (those that answer 428), <c>If-None-Match</c> and <c>304</c> on the reads.
/// </summary>
internal static class StandardResponses
{
    private const string ProblemJson = "application/problem+json";

    public static Task Declare(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        var responses = operation.Responses ??= [];
        var answersETag = context.Description.ActionDescriptor.EndpointMetadata.OfType<AnswersETagMetadata>().Any();
        var isRead = context.Description.HttpMethod is "GET";

        if (operation.Security is { Count: > 0 })
        {
            Problem(responses, document, 401, "Not signed in: no token, or one that is expired, revoked or not this platform's.");
            Problem(responses, document, 403, "Signed in, but not allowed: another tenant, a role that may not do this, a suspended tenant, or a one-time password not yet changed.");
        }

        if (operation.RequestBody is not null || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
        {
            Problem(responses, document, 400, "The body or a parameter breaks a rule; `errors` names each field at fault.", validation: true);
        }

        if (!isRead)
        {
            // Any write may carry a body, even one whose route takes none: it is measured and its type checked first.
            Problem(responses, document, 413, "The body is larger than this route takes.");
            Problem(responses, document, 415, "The body is not of a type this route takes (application/json unless the route names another); a form's types are refused on every write.");
        }

        Problem(responses, document, 429, "Too many requests from this caller or tenant; wait as Retry-After says.", retryAfter: true);
        Problem(responses, document, 503, "The platform is busy or restarting; retry after Retry-After seconds.", retryAfter: true);

        if (responses.TryGetValue("423", out var locked) && locked is OpenApiResponse lockedOut)
        {
            // A locked account is told when the lockout ends.
            lockedOut.Headers ??= new Dictionary<string, IOpenApiHeader>();
            lockedOut.Headers["Retry-After"] = RetryAfterHeader();
        }

        if (answersETag)
        {
            foreach (var (status, response) in responses)
            {
                if (status.StartsWith('2') && response is OpenApiResponse ok)
                {
                    ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    ok.Headers["ETag"] = ETagHeader();
                }
            }

            if (isRead)
            {
                Header(operation, "If-None-Match", "The ETag you hold: 304 Not Modified, without a body, while it is still current.");
                responses["304"] = new OpenApiResponse
                {
                    Description = "Not modified: the ETag sent in If-None-Match is still current.",
                    Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = ETagHeader() },
                };
            }
        }

        if (responses.ContainsKey("428"))
        {
            Header(operation, "If-Match", "The ETag of the version you read and change: a stale one gets 412, none 428.");
        }

        if (string.IsNullOrWhiteSpace(operation.Description))
        {
            operation.Description = operation.Summary;
        }

        return Task.CompletedTask;
    }

    private static void Problem(OpenApiResponses responses, OpenApiDocument document, int status, string description,
        bool validation = false, bool retryAfter = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.TryGetValue(key, out var existing))
        {
            if (existing is OpenApiResponse response && retryAfter)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Retry-After"] = RetryAfterHeader();
            }

            return;
        }

        responses[key] = new OpenApiResponse
        {
            Description = $"{ReasonPhrases.GetReasonPhrase(status)}: {description}",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(validation ? "HttpValidationProblemDetails" : "ProblemDetails", document) },
            },
            Headers = retryAfter ? new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = RetryAfterHeader() } : null,
        };
    }

    private static void Header(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.In == ParameterLocation.Header && p.Name == name))
        {
            return;
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = System.Text.Json.Nodes.JsonValue.Create("\"3\""),
        });
    }

    private static OpenApiHeader ETagHeader() => new()
    {
        Description = "The resource's revision as a strong entity tag, e.g. \"3\": send it back in If-Match to change it, in If-None-Match to read it only when changed.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" },
    };

    private static OpenApiHeader RetryAfterHeader() => new()
    {
        Description = "Seconds to wait before trying again.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
    };
}
