using Platform.Domain.Hierarchy;

namespace Platform.Domain;

/// <summary>Why a domain command was refused; what it acted on is left exactly as it was.</summary>
/// <param name="Errors">The fields at fault when <see cref="Kind"/> is <see cref="RefusalKind.Invalid"/>.</param>
public sealed record Refusal(RefusalKind Kind, string Detail, IReadOnlyList<FieldError> Errors)
{
    public static Refusal Invalid(IReadOnlyList<FieldError> errors) => new(RefusalKind.Invalid, string.Join("; ", errors), errors);

    public static Refusal Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static Refusal Conflict(string detail) => new(RefusalKind.Conflict, detail, []);

    public static Refusal Of(RefusalKind kind, string detail) => new(kind, detail, []);
}

/// <summary>The kinds of refusal; the API answers each with its own status.</summary>
public enum RefusalKind
{
    /// <summary>The input breaks a rule (400, naming the fields).</summary>
    Invalid,

    /// <summary>The input is fine but the current state does not take it (409).</summary>
    Conflict,

    /// <summary>What the command acts on does not exist (404).</summary>
    NotFound,

    /// <summary>The revision the caller read is not the current one (412).</summary>
    PreconditionFailed,

    /// <summary>Replacing a value needs the revision the caller read (428).</summary>
    PreconditionRequired,
}
