using Platform.Gateway.Exports;

namespace Platform.Gateway.Tests.Exports;

internal static class Rows
{
    /// <summary>The rows, given out asynchronously as a database reader would.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<object?>> Of(params object?[][] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public static ExportSheet Sheet(string name, string[] headers, params object?[][] rows) =>
        new(name, [.. headers.Select(h => new ExportColumn(h))], Of(rows));
}
