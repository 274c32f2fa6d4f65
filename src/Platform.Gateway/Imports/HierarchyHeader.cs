namespace Platform.Gateway.Imports;

/// <summary>A table's header as read: where each known column is, how wide the table is, and what was ignored.</summary>
/// <param name="Columns">Position of each known column, by its English name.</param>
/// <param name="Cells">The header as written in the file.</param>
/// <param name="Warnings">Columns ignored because they are not the format's.</param>
internal sealed record HierarchyHeader(IReadOnlyDictionary<string, int> Columns, IReadOnlyList<string> Cells, IReadOnlyList<string> Warnings)
{
    public int Width => Cells.Count;

    public bool Has(string column) => Columns.ContainsKey(column);
}
