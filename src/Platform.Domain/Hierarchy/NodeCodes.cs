namespace Platform.Domain.Hierarchy;

/// <summary>
/// The identifiers people already use: 6-digit division codes (行政区划代码, GB/T 2260) for regions, 10-digit school
/// identification codes (学校标识码) for schools, and a tenant-unique code for Party organisations.
/// </summary>
public static class NodeCodes
{
    public const int MaxOrganisationCodeLength = 40;

    /// <summary>Returns why <paramref name="code"/> cannot identify a node of <paramref name="kind"/>, or null when it can.</summary>
    public static string? Problem(NodeKind kind, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "is required";
        }

        return kind switch
        {
            _ when kind.IsRegion() => IsDigits(code, 6) ? null : "must be a 6-digit administrative division code (行政区划代码)",
            NodeKind.School => IsDigits(code, 10) ? null : "must be a 10-digit school identification code (学校标识码)",
            _ => IsOrganisationCode(code) ? null
                : $"must be 1-{MaxOrganisationCodeLength} characters of letters, digits, '-', '_' or '.', starting with a letter or digit",
        };
    }

    /// <summary>Whether the text could be a code of some node; used to reject route values before any grain is touched.</summary>
    public static bool IsWellFormed(string? code) => !string.IsNullOrEmpty(code) && IsOrganisationCode(code);

    private static bool IsDigits(string code, int length) => code.Length == length && code.All(char.IsAsciiDigit);

    /// <remarks>
    /// The first character is a letter or digit because every code must be addressable as a URL path segment:
    /// clients and servers resolve <c>.</c> and <c>..</c> away (RFC 3986 §5.2.4), so a node called that could be
    /// imported and then never read, moved or closed; and a leading dot, dash or underscore is nobody's real code.
    /// </remarks>
    private static bool IsOrganisationCode(string code) =>
        code.Length <= MaxOrganisationCodeLength
        && char.IsAsciiLetterOrDigit(code[0])
        && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
