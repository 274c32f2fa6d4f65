using System.Globalization;
using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>
/// The hierarchy import format: a table with a header naming its columns, in any order, in English or Chinese.
/// Required: <c>kind</c> (类型), <c>code</c> (代码), <c>name</c> (名称), <c>parentCode</c> (上级代码). Optional:
/// <c>stage</c> (学段), <c>ownership</c> (办学性质), <c>location</c> (城乡) for schools; <c>covers</c> (覆盖学校, a joint
/// branch's schools separated by ';'); <c>members</c> (党员数), <c>probationaryMembers</c> (预备党员数) for organisations.
/// Kinds and school attributes may be given in English or Chinese (党支部, 民办, 农村, …). An empty optional cell, or a
/// missing optional column, keeps what the node already has. A column the format does not know is ignored with a
/// warning; a worksheet named for a kind (省, 市, 县, 学校, …) may leave out the kind column.
/// </summary>
internal static class HierarchyFormat
{
    /// <summary>Every column, English name first, then the Chinese header that templates and exports write.</summary>
    public static readonly IReadOnlyList<(string Name, string Chinese)> Columns =
    [
        ("kind", "类型"), ("code", "代码"), ("name", "名称"), ("parentCode", "上级代码"), ("stage", "学段"), ("ownership", "办学性质"),
        ("location", "城乡"), ("covers", "覆盖学校"), ("members", "党员数"), ("probationaryMembers", "预备党员数"),
    ];

    public static readonly IReadOnlyList<string> Required = ["kind", "code", "name", "parentCode"];

    /// <summary>The template's sheet of allowed values, which an import of the filled-in template skips.</summary>
    public const string ValuesSheet = "可选值";

    /// <summary>Each column's allowed values, for the template (Chinese header, then what may go in it).</summary>
    public static readonly IReadOnlyList<(string Column, string Values)> AllowedValues =
    [
        ("类型 (kind)", "省 (province), 市 (city), 县 (county), 学校 (school), 党委 (partyCommittee), 党总支 (generalBranch), 党支部 (branch), 联合党支部 (jointBranch)"),
        ("代码 (code)", "区域: 6-digit administrative code; 学校: 10-digit school identification code; 党组织: the organisation's code (letters, digits, '-')"),
        ("名称 (name)", "1 to 100 characters"),
        ("上级代码 (parentCode)", "the code of the node above; empty for the province"),
        ("学段 (stage)", "幼儿园, 小学, 初中, 高中, 九年一贯制, 完全中学, 中职, 特殊教育 (schools only; empty keeps the stored stage)"),
        ("办学性质 (ownership)", "公办 (public), 民办 (private) (schools only)"),
        ("城乡 (location)", "城镇 (urban), 农村 (rural) (schools only)"),
        ("覆盖学校 (covers)", "联合党支部 only: the 10-digit codes of the schools it covers, separated by ';', at most 5"),
        ("党员数 (members)", "a whole number from 0 to 100000 (Party organisations only; empty keeps the stored number)"),
        ("预备党员数 (probationaryMembers)", "a whole number from 0 to 100000 (Party organisations only; empty keeps the stored number)"),
    ];

    /// <summary>Columns a downloaded rejections file adds; a corrected file sent back with them is not warned about.</summary>
    private static readonly string[] Annotations = ["line", "行号", "reason", "原因", "sheet", "工作表"];

    private static readonly Dictionary<string, string> ByHeader = Columns
        .SelectMany(c => new[] { (c.Name, c.Name), (c.Chinese, c.Name) })
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    private static readonly string KindNames = string.Join(", ", NodeKinds.ApiNames);

    /// <summary>Maps header names to column positions, or says what is wrong with the header.</summary>
    /// <param name="kind">The kind every row of the table has, when its sheet is named for one; the kind column is then optional.</param>
    public static (HierarchyHeader? Header, string? Problem) ReadHeader(IReadOnlyList<string> header, NodeKind? kind = null)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var cells = new List<string>(header.Count);
        for (var i = 0; i < header.Count; i++)
        {
            var written = header[i].Trim().TrimStart('\uFEFF');
            cells.Add(written);
            if (!ByHeader.TryGetValue(written, out var name))
            {
                if (!Annotations.Contains(written, StringComparer.OrdinalIgnoreCase) && written.Length > 0)
                {
                    warnings.Add($"column '{Bounded(written)}' is not one of the format's and was ignored; the columns are " +
                        string.Join(", ", Columns.Select(c => $"{c.Chinese} ({c.Name})")));
                }

                continue;
            }

            if (!columns.TryAdd(name, i))
            {
                return (null, $"column '{written}' appears twice (as {name}); keep one of them");
            }
        }

        var missing = Required.Where(r => !columns.ContainsKey(r) && !(r == "kind" && kind is not null)).ToList();
        return missing.Count > 0
            ? (null, $"missing required column(s): {string.Join(", ", missing.Select(m => $"{Columns.First(c => c.Name == m).Chinese} ({m})"))}; " +
                "the header must name at least 类型,代码,名称,上级代码 (kind,code,name,parentCode); download the template from imports/hierarchy/template")
            : (new HierarchyHeader(columns, cells, warnings), null);
    }

    public static HierarchyRow ParseRow(CsvRecord record, HierarchyHeader header, NodeKind? sheetKind, bool trailingCellsOptional)
    {
        var (line, cells) = (record.Line, record.Cells);
        string Cell(string name) => header.Columns.TryGetValue(name, out var i) && i < cells.Count ? Unguarded(cells[i].Trim()) : "";
        bool Given(string name) => Cell(name).Length > 0;

        var errors = new List<FieldError>();
        var code = Cell("code");
        if (trailingCellsOptional ? record.FieldCount > header.Width : record.FieldCount != header.Width)
        {
            errors.Add(new("line", $"has {record.FieldCount} cells; the header has {header.Width}"));
        }

        var kind = sheetKind ?? default;
        if ((sheetKind is null || Given("kind")) && !NodeKinds.TryParse(Cell("kind"), out kind))
        {
            errors.Add(new("kind", $"'{Cell("kind")}' is not one of {KindNames}"));
            return new HierarchyRow(line, code, null, errors);
        }

        var omitted = NodeFields.None;
        void Omit(string column, NodeFields field)
        {
            if (!Given(column))
            {
                omitted |= field;
            }
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
            Omit("stage", NodeFields.Stage);
            Omit("ownership", NodeFields.Ownership);
            Omit("location", NodeFields.Location);
        }

        var members = Count("members", errors, Cell);
        var probationary = Count("probationaryMembers", errors, Cell);
        Omit("members", NodeFields.Members);
        Omit("probationaryMembers", NodeFields.ProbationaryMembers);
        var covers = Cell("covers").Split([';', '；', '|', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Omit("covers", NodeFields.Covers);
        var parent = Cell("parentCode");
        var definition = new NodeDefinition(code, kind, Cell("name"), parent.Length == 0 ? null : parent, school,
            covers.Length == 0 ? null : covers, members, probationary, omitted);
        errors.AddRange(NodeDefinitionRules.Validate(definition).Where(e => !IsLeftToTheStoredNode(e, omitted)));
        return new HierarchyRow(line, code, errors.Count == 0 ? definition : null, errors);
    }

    /// <summary>A joint branch whose covers cell is empty keeps the schools it covers; its node checks the result.</summary>
    private static bool IsLeftToTheStoredNode(FieldError error, NodeFields omitted) =>
        error.Field == "covers" && (omitted & NodeFields.Covers) != 0;

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

    /// <summary>A cell as typed before an export guarded it against formulas ('=… → =…), so an export imports back unchanged.</summary>
    private static string Unguarded(string cell) => cell is ['\'', '=' or '+' or '-' or '@', ..] ? cell[1..] : cell;

    private static string Bounded(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…");
}
