using Platform.Domain.Hierarchy;

namespace Platform.Contracts;

/// <summary>Why a command was refused; the gateway turns each into its HTTP status.</summary>
public enum Failure
{
    None = 0,

    /// <summary>404: the tenant, node or resource does not exist.</summary>
    NotFound,

    /// <summary>422/400: the input breaks a rule; <see cref="Outcome{T}.Errors"/> names the fields.</summary>
    Invalid,

    /// <summary>409: the request is fine but the current state forbids it.</summary>
    Conflict,

    /// <summary>412: the caller's version (If-Match) is not the current one.</summary>
    PreconditionFailed,

    /// <summary>428: overwriting needs the caller to say which version it read.</summary>
    PreconditionRequired,

    /// <summary>503: the platform is stopping or restarting; nothing was changed, retry shortly.</summary>
    Unavailable,

    /// <summary>403: the caller may not do this here (no caller, another tenant's, or a role the rules do not allow).</summary>
    Forbidden,
}

/// <summary>The result of a grain command: a value, or a failure with the reasons. Commands report rule violations
/// as values rather than exceptions, so a refused input never looks like a fault.</summary>
[GenerateSerializer, Immutable, Alias("Outcome`1")]
public sealed record Outcome<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] Failure Failure,
    [property: Id(2)] string? Detail,
    [property: Id(3)] IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Failure == Failure.None;

    public static Outcome<T> Ok(T value) => new(value, Failure.None, null, []);

    public static Outcome<T> Fail(Failure failure, string detail, IReadOnlyList<FieldError>? errors = null) =>
        new(default, failure, detail, errors ?? []);

    public static Outcome<T> Invalid(IReadOnlyList<FieldError> errors) =>
        new(default, Failure.Invalid, string.Join("; ", errors), errors);

    public static Outcome<T> Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>A domain refusal as the outcome the gateway answers.</summary>
    public static Outcome<T> Refused(Domain.Refusal refusal) => refusal.Kind switch
    {
        Domain.RefusalKind.Invalid => Invalid(refusal.Errors),
        Domain.RefusalKind.Conflict => Fail(Failure.Conflict, refusal.Detail),
        Domain.RefusalKind.NotFound => Fail(Failure.NotFound, refusal.Detail),
        Domain.RefusalKind.PreconditionFailed => Fail(Failure.PreconditionFailed, refusal.Detail),
        Domain.RefusalKind.PreconditionRequired => Fail(Failure.PreconditionRequired, refusal.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "not a refusal kind"),
    };

    public Outcome<TOther> As<TOther>() => new(default, Failure, Detail, Errors);
}
