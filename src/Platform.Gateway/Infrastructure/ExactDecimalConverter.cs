using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Reads a JSON number into a decimal only when the decimal holds it exactly. System.Text.Json rounds what a decimal
/// cannot hold: <c>2.999999999999999999999999999999</c> becomes 3 and <c>1e-400</c> becomes 0, so a score the client
/// never sent would be checked, stored and counted. This refuses such a number instead, and the problem names its field.
/// </summary>
internal sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    /// <summary>Longer than any number a decimal holds exactly in a sensible spelling; refused before it is parsed.</summary>
    private const int MaxTextLength = 100;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("must be a number");
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxTextLength)
        {
            throw Inexact();
        }

        // JSON numbers are ASCII digits, signs, '.' and exponents.
        var text = reader.HasValueSequence ? Encoding.ASCII.GetString(reader.ValueSequence) : Encoding.ASCII.GetString(reader.ValueSpan);
        return TryParseExactly(text, out var value) ? value : throw Inexact();
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    /// <summary>The decimal <paramref name="text"/> spells, when a decimal holds that number exactly (trailing zeros aside).</summary>
    public static bool TryParseExactly(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && Normalize(text) is { } sent
        && sent == Normalize(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number as sign, significant digits and power of ten, so 1.50, 15e-1 and 1.5 compare equal; null when the exponent overflows.</summary>
    private static (bool Negative, string Digits, long Exponent)? Normalize(string text)
    {
        var number = text.AsSpan();
        var negative = number.Length > 0 && number[0] == '-';
        if (number.Length > 0 && number[0] is '-' or '+')
        {
            number = number[1..];
        }

        long exponent = 0;
        var e = number.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!long.TryParse(number[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return null;
            }

            number = number[..e];
        }

        var dot = number.IndexOf('.');
        var digits = dot < 0 ? number.ToString() : string.Concat(number[..dot], number[(dot + 1)..]);
        if (dot >= 0)
        {
            exponent -= number.Length - dot - 1;
        }

        var significant = digits.TrimStart('0');
        if (significant.Length == 0)
        {
            return (false, "", 0);
        }

        var trimmed = significant.TrimEnd('0');
        return (negative, trimmed, exponent + (significant.Length - trimmed.Length));
    }

    private static JsonException Inexact() =>
        new("must be a number a decimal holds exactly (at most 28 significant digits, below 7.9e28); it would otherwise be stored rounded");
}
