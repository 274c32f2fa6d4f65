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

    /// <summary>Reads <c>stars</c> or <c>grades</c>; never a number, which <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would accept.</summary>
    public static bool TryParse(string? text, out RatingScheme scheme)
    {
        foreach (var candidate in Enum.GetValues<RatingScheme>())
        {
            if (string.Equals(candidate.ToApiName(), text, StringComparison.OrdinalIgnoreCase))
            {
                scheme = candidate;
                return true;
            }
        }

        scheme = default;
        return false;
    }
}
