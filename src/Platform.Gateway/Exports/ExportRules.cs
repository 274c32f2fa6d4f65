using System.Globalization;

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

    public static NotSupportedException Unsupported(object cell) =>
        new($"an export cell cannot be a {cell.GetType().Name}; give it as text, a number, a bool or a DateTimeOffset");
}
