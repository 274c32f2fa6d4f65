namespace Platform.Domain.Hierarchy;

/// <summary>学段: the stage a school teaches.</summary>
public enum SchoolStage
{
    /// <summary>幼儿园</summary>
    Kindergarten = 0,

    /// <summary>小学</summary>
    Primary = 1,

    /// <summary>初中</summary>
    JuniorSecondary = 2,

    /// <summary>高中</summary>
    SeniorSecondary = 3,

    /// <summary>九年一贯制</summary>
    NineYear = 4,

    /// <summary>完全中学</summary>
    CompleteSecondary = 5,

    /// <summary>中职</summary>
    Vocational = 6,

    /// <summary>特殊教育</summary>
    Special = 7,
}

public static class SchoolStages
{
    private static readonly string[] Chinese = ["幼儿园", "小学", "初中", "高中", "九年一贯制", "完全中学", "中职", "特殊教育"];

    public static IReadOnlyList<string> ApiNames { get; } = Enum.GetValues<SchoolStage>().Select(s => s.ToApiName()).ToArray();

    /// <summary>camelCase, as the API and import files spell it: <c>juniorSecondary</c>.</summary>
    public static string ToApiName(this SchoolStage stage)
    {
        var name = stage.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The Chinese name: 小学, 初中, ….</summary>
    public static string ToChinese(SchoolStage stage) => Chinese[(int)stage];

    /// <summary>Reads the API name or the Chinese one (九年一贯 too).</summary>
    public static bool TryParse(string? text, out SchoolStage stage) =>
        EnumSpellings.TryParse(text?.Trim() == "九年一贯" ? "九年一贯制" : text, out stage, ToApiName, s => Chinese[(int)s]);
}
