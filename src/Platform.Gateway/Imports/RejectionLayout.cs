using Platform.Contracts.Imports;
using Platform.Domain.Imports;
using Platform.Gateway.Exports;

namespace Platform.Gateway.Imports;

/// <summary>
/// The columns of a rejections download: the line, the sheet (for a workbook of several), the file's own columns in
/// the order first seen, and the reason, so a bureau user corrects the rows in place and imports the file again
/// (the import ignores the line, sheet and reason columns). In Chinese when the file's header is.
/// </summary>
internal sealed class RejectionLayout
{
    private readonly List<string> _columns;
    private readonly Dictionary<string, int[]> _positions;
    private readonly bool _sheets;

    private RejectionLayout(IReadOnlyList<ImportSheetHeader> headers)
    {
        _columns = headers.SelectMany(h => h.Columns).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        _positions = headers.GroupBy(h => h.Sheet ?? "").ToDictionary(g => g.Key, g => g.First().Columns.Select(c => _columns.IndexOf(c)).ToArray());
        _sheets = headers.Count(h => h.Sheet is not null) > 1;
        Chinese = _columns.Any(c => c.Any(ch => ch >= '\u2E80'));
        var (line, sheet, reason) = Chinese ? ("行号", "工作表", "原因") : ("line", "sheet", "reason");
        Columns = [new(line), .. _sheets ? [new ExportColumn(sheet)] : Array.Empty<ExportColumn>(), .. _columns.Select(c => new ExportColumn(c)), new(reason)];
    }

    public bool Chinese { get; }

    public IReadOnlyList<ExportColumn> Columns { get; }

    /// <summary>The layout for an import's headers; an import stored before headers were kept gets line, code and reason.</summary>
    public static RejectionLayout Of(IReadOnlyList<ImportSheetHeader>? headers) =>
        new(headers is { Count: > 0 } ? headers : [new ImportSheetHeader(null, ["code"])]);

    public IReadOnlyList<object?> Row(ImportRejection rejection)
    {
        var cells = new object?[_columns.Count];
        if (rejection.Cells is { } written && _positions.TryGetValue(rejection.Sheet ?? "", out var positions))
        {
            for (var i = 0; i < written.Count && i < positions.Length; i++)
            {
                if (positions[i] >= 0)
                {
                    cells[positions[i]] = written[i];
                }
            }
        }
        else if (_columns.IndexOf("code") is >= 0 and var code)
        {
            cells[code] = rejection.Code;
        }

        var reason = string.Join("; ", rejection.Errors.Select(e => $"{e.Field}: {e.Message}"));
        return [rejection.Line, .. _sheets ? [rejection.Sheet] : Array.Empty<object?>(), .. cells, reason];
    }
}
