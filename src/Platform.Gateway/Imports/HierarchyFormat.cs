using System.Globalization;
using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>
/// The hierarchy import format: UTF-8 CSV with a header naming its columns, in any order. Required: <c>kind</c>,
/// <c>code</c>, <c>name</c>, <c>parentCode</c>. Optional: <c>stage</c>, <c>ownership</c>, <c>location</c> (schools),
/// <c>covers</c> (a joint branch's schools, separated by ';'), <c>members</c>, <c>probationaryMembers</c>
/// (organisations). Kinds and school attributes may be given in English or Chinese (党支部, 民办, 农村, …).
/// </summary>
internal static class HierarchyFormat
{
    public static readonly IReadOnlyList<string> Required = ["kind", "code", "name", "parentCode"];
    public static readonly IReadOnlyList<string> Optional = ["stage", "ownership", "location", "covers", "members", "probationaryMembers"];

    private static readonly string KindNames = string.Join(", ", NodeKinds.ApiNames);

    /// <summary>Maps header names to column positions, or says what is wrong with the header.</summary>
    public static (Dictionary<string, int>? Columns, string? Problem) ReadHeader(IReadOnlyList<string> header)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (!Required.Concat(Optional).Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return (null, $"unknown column '{name}'; the columns are {string.Join(", ", Required.Concat(Optional))}");
            }

            if (!columns.TryAdd(name, i))
            {
                return (null, $"column '{name}' appears twice");
            }
        }

        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        return missing.Count > 0 ? (null, $"missing required column(s): {string.Join(", ", missing)}") : (columns, null);
    }

    public static HierarchyRow ParseRow(CsvRecord record, Dictionary<string, int> columns)
    {
        var (line, cells) = (record.Line, record.Cells);
        string Cell(string name) => columns.TryGetValue(name, out var i) && i < cells.Count ? cells[i].Trim() : "";

        var errors = new List<FieldError>();
        var code = Cell("code");
        if (record.FieldCount != columns.Count)
        {
            errors.Add(new("line", $"has {record.FieldCount} cells; the header has {columns.Count}"));
        }

        if (!NodeKinds.TryParse(Cell("kind"), out var kind))
        {
            errors.Add(new("kind", $"'{Cell("kind")}' is not one of {KindNames}"));
            return new HierarchyRow(line, code, null, errors);
        }

        SchoolProfile? school = null;
        if (kind == NodeKind.School)
        {
            var stage = SchoolStage.Primary;
            var isPrivate = false;
            var isRural = false;
            if (Cell("stage") is { Length: > 0 } stageText && !SchoolStages.TryParse(stageText, out stage))
            {
                errors.Add(new("stage", $"'{stageText}' is not a school stage ({string.Join(", ", SchoolStages.ApiNames)})"));
            }

            if (Cell("ownership") is { Length: > 0 } ownership && !SchoolProfile.TryParseOwnership(ownership, out isPrivate))
            {
                errors.Add(new("ownership", $"'{ownership}' is not public/private (公办/民办)"));
            }

            if (Cell("location") is { Length: > 0 } location && !SchoolProfile.TryParseLocation(location, out isRural))
            {
                errors.Add(new("location", $"'{location}' is not urban/rural (城镇/农村)"));
            }

            school = new SchoolProfile(stage, isPrivate, isRural);
        }

        var members = Count("members", errors, Cell);
        var probationary = Count("probationaryMembers", errors, Cell);
        var covers = Cell("covers").Split([';', '；', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parent = Cell("parentCode");
        var definition = new NodeDefinition(code, kind, Cell("name"), parent.Length == 0 ? null : parent, school,
            covers.Length == 0 ? null : covers, members, probationary);
        errors.AddRange(NodeDefinitionRules.Validate(definition));
        return new HierarchyRow(line, code, errors.Count == 0 ? definition : null, errors);
    }

    private static int Count(string column, List<FieldError> errors, Func<string, string> cell)
    {
        var text = cell(column);
        if (text.Length == 0)
        {
            return 0;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100_000)
        {
            return value;
        }

        errors.Add(new(column, $"'{text}' is not a whole number from 0 to 100000"));
        return 0;
    }
}
