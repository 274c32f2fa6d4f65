using System.Collections.Frozen;

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

    private static readonly FrozenDictionary<string, SchoolStage> Stages = new Dictionary<string, SchoolStage>(StringComparer.OrdinalIgnoreCase)
    {
        ["kindergarten"] = SchoolStage.Kindergarten, ["幼儿园"] = SchoolStage.Kindergarten,
        ["primary"] = SchoolStage.Primary, ["小学"] = SchoolStage.Primary,
        ["juniorSecondary"] = SchoolStage.JuniorSecondary, ["初中"] = SchoolStage.JuniorSecondary,
        ["seniorSecondary"] = SchoolStage.SeniorSecondary, ["高中"] = SchoolStage.SeniorSecondary,
        ["nineYear"] = SchoolStage.NineYear, ["九年一贯"] = SchoolStage.NineYear, ["九年一贯制"] = SchoolStage.NineYear,
        ["completeSecondary"] = SchoolStage.CompleteSecondary, ["完全中学"] = SchoolStage.CompleteSecondary,
        ["vocational"] = SchoolStage.Vocational, ["中职"] = SchoolStage.Vocational,
        ["special"] = SchoolStage.Special, ["特殊教育"] = SchoolStage.Special,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryParseStage(string? text, out SchoolStage stage) => Stages.TryGetValue(text?.Trim() ?? "", out stage);

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
