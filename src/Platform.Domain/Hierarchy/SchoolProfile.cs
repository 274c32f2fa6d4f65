namespace Platform.Domain.Hierarchy;

/// <summary>The attributes of a school that the rollups split by.</summary>
/// <param name="Stage">学段</param>
/// <param name="IsPrivate">民办 (true) or 公办 (false).</param>
/// <param name="IsRural">农村 (true) or 城镇 (false).</param>
[GenerateSerializer, Immutable, Alias("SchoolProfile")]
public sealed record SchoolProfile(
    [property: Id(0)] SchoolStage Stage,
    [property: Id(1)] bool IsPrivate,
    [property: Id(2)] bool IsRural)
{
    public static SchoolProfile Default { get; } = new(SchoolStage.Primary, false, false);

    public static bool TryParseOwnership(string? text, out bool isPrivate)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "public" or "公办": isPrivate = false; return true;
            case "private" or "民办": isPrivate = true; return true;
            default: isPrivate = false; return false;
        }
    }

    public static bool TryParseLocation(string? text, out bool isRural)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "urban" or "城镇" or "城市": isRural = false; return true;
            case "rural" or "农村" or "乡村": isRural = true; return true;
            default: isRural = false; return false;
        }
    }
}
