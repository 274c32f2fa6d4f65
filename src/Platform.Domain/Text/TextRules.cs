using System.Globalization;

namespace Platform.Domain.Text;

/// <summary>
/// What any text a person types may hold before the platform stores it and shows it to others: a bounded length, and
/// no character that hides or rewrites what the reader sees. Control characters (NUL, BEL, …) break CSV exports and
/// terminals; bidirectional overrides (U+202E) make a name read backwards in a ranking; zero-width characters make
/// two names that look the same compare different; a lone surrogate is not text at all.
/// </summary>
public static class TextRules
{
    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can. Required text must hold more than whitespace.</summary>
    public static string? Problem(string? text, int maxLength, TextShape shape = TextShape.SingleLine, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? "is required and cannot be blank"
                : text is { Length: > 0 } ? "cannot be only whitespace; leave it out instead" : null;
        }

        if (text.Length > maxLength)
        {
            return $"must be at most {maxLength} characters; it has {text.Length}";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (IsForbidden(c, shape))
            {
                return $"contains the invisible or control character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} at position {i + 1}; remove it";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="c"/> may not appear in text of <paramref name="shape"/>; a surrogate counts
    /// as forbidden on its own, so callers keep a well-formed pair together.</summary>
    public static bool IsForbidden(char c, TextShape shape) => c switch
    {
        '\n' or '\r' or '\t' => shape == TextShape.SingleLine,
        _ when char.IsControl(c) => true,
        _ when char.IsSurrogate(c) => true,
        >= '\u200B' and <= '\u200F' => true, // zero-width characters and the left-to-right / right-to-left marks
        >= '\u202A' and <= '\u202E' => true, // bidirectional embeddings and overrides
        >= '\u2060' and <= '\u2064' => true, // word joiner and invisible operators
        >= '\u2066' and <= '\u2069' => true, // bidirectional isolates
        '\uFEFF' or '\uFFFE' or '\uFFFF' => true, // byte-order mark and non-characters
        >= '\uFFF9' and <= '\uFFFB' => true, // interlinear annotation
        _ => false,
    };
}
