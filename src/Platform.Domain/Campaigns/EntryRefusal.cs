using Platform.Domain.Hierarchy;

namespace Platform.Domain.Campaigns;

/// <summary>Why a command on a <see cref="CampaignEntry"/> was refused; the entry is left exactly as it was.</summary>
/// <param name="Errors">The fields at fault when <see cref="Kind"/> is <see cref="EntryRefusalKind.Invalid"/>.</param>
public sealed record EntryRefusal(EntryRefusalKind Kind, string Detail, IReadOnlyList<FieldError> Errors)
{
    public static EntryRefusal Invalid(IReadOnlyList<FieldError> errors) => new(EntryRefusalKind.Invalid, string.Join("; ", errors), errors);

    public static EntryRefusal Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static EntryRefusal Conflict(string detail) => new(EntryRefusalKind.Conflict, detail, []);
}

/// <summary>The kinds of refusal; the API answers each with its own status.</summary>
public enum EntryRefusalKind
{
    /// <summary>The input breaks a rule (400, naming the fields).</summary>
    Invalid,

    /// <summary>The input is fine but the entry or its campaign is not in a state to take it (409).</summary>
    Conflict,

    /// <summary>What the command acts on does not exist, e.g. an appeal that was never raised (404).</summary>
    NotFound,

    /// <summary>The revision the caller read is not the current one (412).</summary>
    PreconditionFailed,

    /// <summary>Changing a revised entry needs the revision the caller read (428).</summary>
    PreconditionRequired,
}
