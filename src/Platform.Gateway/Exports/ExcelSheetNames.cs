namespace Platform.Gateway.Exports;

/// <summary>
/// Turns sheet names taken from data (organisation and region names) into names Excel accepts, instead of failing an
/// export over a slash: at most 31 characters, none of <c>[]:*?/\</c>, not starting or ending with an apostrophe, not
/// the reserved "History", and unique ignoring case.
/// </summary>
internal static class ExcelSheetNames
{
    public const int MaxLength = 31;

    public static IReadOnlyList<string> Assign(IEnumerable<string> names)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var assigned = new List<string>();
        foreach (var name in names)
        {
            var clean = Clean(name);
            if (clean.Length == 0 || clean.Equals("History", StringComparison.OrdinalIgnoreCase))
            {
                clean = $"Sheet{assigned.Count + 1}";
            }

            var unique = clean;
            for (var n = 2; !taken.Add(unique); n++)
            {
                var suffix = $" ({n})";
                unique = Truncate(clean, MaxLength - suffix.Length) + suffix;
            }

            assigned.Add(unique);
        }

        return assigned;
    }

    private static string Clean(string name)
    {
        var chars = name.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '_' : c).ToArray();
        return Truncate(new string(chars).Trim().Trim('\''), MaxLength);
    }

    /// <summary>Cuts to <paramref name="length"/> UTF-16 units, as Excel counts, but never through a surrogate pair.</summary>
    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
