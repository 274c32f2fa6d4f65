namespace Platform.Domain.Framework;

/// <summary>How a framework version rates a branch.</summary>
public enum RatingScheme
{
    /// <summary>评星定级: 1★ to 5★.</summary>
    Stars = 0,

    /// <summary>不合格 / 合格 / 优秀 / 样板.</summary>
    Grades = 1,
}

public static class RatingSchemes
{
    public static string ToApiName(this RatingScheme scheme) => scheme == RatingScheme.Stars ? "stars" : "grades";

    /// <summary>Reads <c>stars</c> or <c>grades</c>.</summary>
    public static bool TryParse(string? text, out RatingScheme scheme) => EnumSpellings.TryParse(text, out scheme, ToApiName);
}
