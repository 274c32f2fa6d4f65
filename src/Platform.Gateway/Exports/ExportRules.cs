using System.Globalization;
using System.Text;
using Platform.Domain.Text;

namespace Platform.Gateway.Exports;

/// <summary>What every export format holds a row to, so CSV and XLSX agree on what they accept and how times read.</summary>
internal static class ExportRules
{
    /// <summary>The text of a time in both formats; Excel reads it back as a date and XLSX shows dates the same way.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string WallClock(DateTimeOffset time) => time.DateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A short row would shift every later cell into the wrong column, so it fails the export instead.</summary>
    public static void EnsureWidth(ExportSheet sheet, IReadOnlyList<object?> row, int rowNumber)
    {
        if (row.Count != sheet.Columns.Count)
        {
            throw new InvalidOperationException($"row {rowNumber} of sheet '{sheet.Name}' has {row.Count} cells for {sheet.Columns.Count} columns");
        }
    }

    /// <summary>
    /// The text with every character a reader cannot see, or that rewrites what they see, shown as U+FFFD: a NUL or BEL
    /// breaks the tools that read the file, a right-to-left override reverses a name in a ranking. Line breaks and
    /// tabs stay. New text is refused on input (TextRules); this covers whatever was stored before that.
    /// </summary>
    public static string Visible(string text)
    {
        StringBuilder? visible = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                visible?.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (TextRules.IsForbidden(c, TextShape.MultiLine))
            {
                visible ??= new StringBuilder(text, 0, i, text.Length);
                visible.Append('\uFFFD');
            }
            else
            {
                visible?.Append(c);
            }
        }

        return visible?.ToString() ?? text;
    }

    public static NotSupportedException Unsupported(object cell) =>
        new($"an export cell cannot be a {cell.GetType().Name}; give it as text, a number, a bool or a DateTimeOffset");
}
