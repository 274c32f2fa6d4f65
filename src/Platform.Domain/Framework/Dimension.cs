namespace Platform.Domain.Framework;

/// <summary>The five standardisations of 五化, plus the bonus. The five are the standard itself, so they are fixed;
/// what a framework version changes is the indicators and points inside them.</summary>
public enum Dimension
{
    /// <summary>支部设置标准化</summary>
    Setup = 0,

    /// <summary>组织生活正常化</summary>
    OrganisationalLife = 1,

    /// <summary>管理服务精细化</summary>
    Management = 2,

    /// <summary>工作制度体系化</summary>
    Institutions = 3,

    /// <summary>阵地建设规范化</summary>
    Facilities = 4,

    /// <summary>加分: capped by the framework's bonus maximum.</summary>
    Bonus = 5,
}

public static class Dimensions
{
    public static IReadOnlyList<Dimension> All { get; } = Enum.GetValues<Dimension>();

    public static string ToApiName(this Dimension dimension) => dimension switch
    {
        Dimension.Setup => "setup",
        Dimension.OrganisationalLife => "organisationalLife",
        Dimension.Management => "management",
        Dimension.Institutions => "institutions",
        Dimension.Facilities => "facilities",
        Dimension.Bonus => "bonus",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    public static bool TryParse(string? text, out Dimension dimension) => EnumSpellings.TryParse(text, out dimension, ToApiName);
}
