using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Infrastructure;

/// <summary>Turns refused commands into RFC 7807 problem details that name the field at fault.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>401: the request carries no valid token.</summary>
    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");

    /// <summary>403: the caller is known but may not do this.</summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    /// <summary>400 with <c>errors</c>: field → messages, as ASP.NET's validation problems have it.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<FieldError> errors, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request breaks a rule",
            Detail = detail ?? string.Join("; ", errors.Select(e => e.ToString())),
        });

    public static ProblemHttpResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>The failure of an outcome as its problem: 404, 400 with field errors, 403, 409, 412, 428 or 503.</summary>
    public static ProblemHttpResult Of<T>(Outcome<T> outcome) => outcome.Failure switch
    {
        Failure.NotFound => NotFound(outcome.Detail ?? "not found"),
        Failure.Invalid => Invalid(outcome.Errors, outcome.Detail),
        Failure.Conflict => TypedResults.Problem(outcome.Detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict with the current state"),
        Failure.PreconditionFailed => TypedResults.Problem(outcome.Detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed since you read it"),
        Failure.PreconditionRequired => TypedResults.Problem(outcome.Detail, statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required"),
        Failure.Unavailable => TypedResults.Problem(outcome.Detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable"),
        Failure.Forbidden => Forbidden(outcome.Detail ?? "not allowed"),
        _ => throw new InvalidOperationException("A successful outcome is not a problem"),
    };
}
