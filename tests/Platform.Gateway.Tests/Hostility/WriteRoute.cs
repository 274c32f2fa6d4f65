using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>
/// A write route as the hostile-input test attacks it: a valid body to corrupt, the reads whose answers must not change,
/// and what the test needs to know about the body's parts.
/// </summary>
/// <param name="Path">Relative to the gateway, with the tenant and codes filled in.</param>
internal sealed record WriteRoute(string Name, HttpMethod Method, string Path)
{
    /// <summary>A body the route would accept; every hostile input is a corruption of it. Null for the CSV import.</summary>
    public JsonObject? Template { get; init; }

    /// <summary>For the CSV import: hostile files instead of corrupted JSON.</summary>
    public bool IsCsv { get; init; }

    /// <summary>GETs that show what the route stores; their answers (status, ETag and body) must be identical afterwards.</summary>
    public IReadOnlyList<string> Reads { get; init; } = [];

    /// <summary>A GET whose ETag is sent as If-Match, so a hostile body is refused for itself, not for a missing precondition.</summary>
    public string? IfMatchFrom { get; init; }

    /// <summary>Paths of dictionaries and lists (e.g. <c>scores</c>, <c>dimensions[0].indicators</c>): their elements get nulls and hostile keys.</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    /// <summary>Patterns of free text (e.g. <c>reasons.*</c>): an SQL fragment is legitimate text there, so it is tested apart.</summary>
    public IReadOnlyList<string> FreeText { get; init; } = [];

    /// <summary>Where the unchanged template is sent once before the attack, and must succeed: so each hostile input is
    /// refused for what it corrupts. Another branch or organisation in the same state, where sending it to the attacked
    /// one would change what the test watches.</summary>
    public string? ValidateAt { get; init; }

    /// <summary>A GET whose ETag goes with the validating request.</summary>
    public string? ValidateIfMatchFrom { get; init; }

    /// <summary>The route's own body limit, to send one byte more.</summary>
    public long BodyLimit { get; init; } = 64 * 1024;

    public bool IsCollection(string path) => Collections.Contains(path);

    public bool IsFreeText(string path) => Matches(FreeText, path);

    private static bool Matches(IReadOnlyList<string> patterns, string path) =>
        patterns.Any(p => Regex.IsMatch(path, "^" + Regex.Escape(p).Replace(@"\*", ".+", StringComparison.Ordinal) + "$"));
}
