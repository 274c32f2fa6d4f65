namespace Platform.Gateway.Imports;

/// <summary>One line of a CSV file as read: its cells, or why the line is not well-formed CSV.</summary>
/// <param name="Line">The line of the file, from 1, blank lines counted.</param>
/// <param name="Cells">The first cells of the line, as many as were asked for.</param>
/// <param name="FieldCount">How many cells the line has in all.</param>
/// <param name="Malformed">Why the line's quoting is broken, or null; its cells are then not to be trusted.</param>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Cells, int FieldCount, string? Malformed);
