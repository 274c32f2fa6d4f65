namespace Platform.Domain.Framework;

/// <summary>A rating a branch can hold. Stars and grades share one enumeration so that rollups count both exactly.</summary>
public enum RatingLevel
{
    /// <summary>1★</summary>
    Star1 = 0,

    /// <summary>2★</summary>
    Star2 = 1,

    /// <summary>3★</summary>
    Star3 = 2,

    /// <summary>4★</summary>
    Star4 = 3,

    /// <summary>5★</summary>
    Star5 = 4,

    /// <summary>不合格</summary>
    Unqualified = 5,

    /// <summary>合格</summary>
    Qualified = 6,

    /// <summary>优秀</summary>
    Excellent = 7,

    /// <summary>样板</summary>
    Model = 8,
}

public static class RatingLevels
{
    public static IReadOnlyList<RatingLevel> All { get; } = Enum.GetValues<RatingLevel>();

    public static IReadOnlyList<RatingLevel> Of(RatingScheme scheme) => scheme == RatingScheme.Stars
        ? [RatingLevel.Star1, RatingLevel.Star2, RatingLevel.Star3, RatingLevel.Star4, RatingLevel.Star5]
        : [RatingLevel.Unqualified, RatingLevel.Qualified, RatingLevel.Excellent, RatingLevel.Model];

    public static RatingScheme Scheme(this RatingLevel level) => level <= RatingLevel.Star5 ? RatingScheme.Stars : RatingScheme.Grades;

    /// <summary>0 for the lowest level of its scheme, rising.</summary>
    public static int Rank(this RatingLevel level) => level <= RatingLevel.Star5 ? (int)level : level - RatingLevel.Unqualified;

    public static RatingLevel Lowest(RatingScheme scheme) => scheme == RatingScheme.Stars ? RatingLevel.Star1 : RatingLevel.Unqualified;

    public static string ToApiName(this RatingLevel level) => level switch
    {
        RatingLevel.Star1 => "star1",
        RatingLevel.Star2 => "star2",
        RatingLevel.Star3 => "star3",
        RatingLevel.Star4 => "star4",
        RatingLevel.Star5 => "star5",
        RatingLevel.Unqualified => "unqualified",
        RatingLevel.Qualified => "qualified",
        RatingLevel.Excellent => "excellent",
        RatingLevel.Model => "model",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string ToChinese(this RatingLevel level) => level switch
    {
        RatingLevel.Star1 => "一星",
        RatingLevel.Star2 => "二星",
        RatingLevel.Star3 => "三星",
        RatingLevel.Star4 => "四星",
        RatingLevel.Star5 => "五星",
        RatingLevel.Unqualified => "不合格",
        RatingLevel.Qualified => "合格",
        RatingLevel.Excellent => "优秀",
        RatingLevel.Model => "样板",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParse(string? text, out RatingLevel level) => EnumSpellings.TryParse(text, out level, ToApiName, ToChinese);
}
