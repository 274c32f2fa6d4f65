using System.Buffers;
using System.Text;

namespace Platform.Gateway.Exports;

/// <summary>
/// Prepares text for a SpreadsheetML string. XML 1.0 cannot hold most control characters, and XmlWriter throws on
/// them, which would cut a download short over one stray character pasted into a name. SpreadsheetML spells such a
/// character <c>_xHHHH_</c> (ECMA-376 ST_Xstring) and Excel decodes that spelling anywhere in a string, so an
/// underscore that already starts one is itself escaped as <c>_x005F_</c> to keep the text as typed.
/// </summary>
internal static class SpreadsheetText
{
    /// <summary>Everything that may need a change: underscores, characters XML cannot hold, and surrogates (lone ones cannot be encoded).</summary>
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
    [
        '_', '\uFFFE', '\uFFFF',
        .. Enumerable.Range(0, ' ').Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r')),
        .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c),
    ]);

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef");

    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny(Suspect))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_' && LooksEscaped(text, i))
            {
                escaped.Append("_x005F_");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                escaped.Append('\uFFFD');
            }
            else if (c is < ' ' and not ('\t' or '\n' or '\r') or '\uFFFE' or '\uFFFF')
            {
                escaped.Append($"_x{(int)c:X4}_");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool LooksEscaped(string text, int at) =>
        at + 7 <= text.Length && text[at + 1] == 'x' && text[at + 6] == '_' && !text.AsSpan(at + 2, 4).ContainsAnyExcept(HexDigits);
}
