using System.Globalization;

namespace Platform.Gateway.Exports;

/// <summary>
/// Column widths a reader need not drag open: each column as wide as its header or the widest of the first rows, in
/// Excel's unit (the width of a digit), where a Chinese character takes two.
/// </summary>
internal static class ColumnWidths
{
    /// <summary>How many rows are looked at before the sheet starts; the rest stream through unmeasured.</summary>
    public const int SampleRows = 200;

    public const double Minimum = 6;

    public const double Maximum = 60;

    /// <summary>The autofilter's drop-down button covers the end of a header.</summary>
    private const double Padding = 3;

    public static double[] Estimate(IReadOnlyList<ExportColumn> columns, IEnumerable<IReadOnlyList<object?>> sample)
    {
        var widths = columns.Select(c => (double)DisplayWidth(c.Header)).ToArray();
        foreach (var row in sample)
        {
            for (var i = 0; i < Math.Min(row.Count, widths.Length); i++)
            {
                widths[i] = Math.Max(widths[i], DisplayWidth(Shown(row[i], columns[i].Kind)));
            }
        }

        return [.. widths.Select(w => Math.Clamp(w + Padding, Minimum, Maximum))];
    }

    /// <summary>Display columns of <paramref name="text"/>: two for an East Asian wide or full-width character, one otherwise.</summary>
    public static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    /// <summary>The text a reader sees for a cell, near enough to size its column.</summary>
    private static string Shown(object? cell, ExportColumnKind kind) => cell switch
    {
        null => "",
        string text => text.Split('\n').MaxBy(line => line.Length) ?? "",
        DateTimeOffset => ExportRules.DateTimeFormat,
        bool flag => flag ? "TRUE" : "FALSE",
        double number when !double.IsFinite(number) => number.ToString(CultureInfo.InvariantCulture),
        IFormattable number => kind switch
        {
            ExportColumnKind.Percent => (Convert.ToDecimal(number, CultureInfo.InvariantCulture) * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
            ExportColumnKind.Decimal => number.ToString("N2", CultureInfo.InvariantCulture),
            ExportColumnKind.Integer => number.ToString("N0", CultureInfo.InvariantCulture),
            _ => number.ToString(null, CultureInfo.InvariantCulture),
        },
        _ => "",
    };

    /// <summary>The wide ranges of Unicode's East Asian Width property that Chinese text uses: CJK, kana, Hangul, full-width forms.</summary>
    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0x303E
            or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x20000 and <= 0x3FFFD;
}
