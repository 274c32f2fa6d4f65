namespace Platform.Domain;

/// <summary>Reads an enumeration value from any of its spellings (the API's camelCase name, a Chinese name), never
/// from a number, which <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would accept.</summary>
internal static class EnumSpellings
{
    public static bool TryParse<T>(string? text, out T value, params Func<T, string>[] spellings)
        where T : struct, Enum
    {
        var trimmed = text?.Trim();
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (spellings.Any(spell => string.Equals(spell(candidate), trimmed, StringComparison.OrdinalIgnoreCase)))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
