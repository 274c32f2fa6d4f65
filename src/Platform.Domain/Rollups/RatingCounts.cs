using Platform.Domain.Framework;

namespace Platform.Domain.Rollups;

/// <summary>The rating histogram: how many branches hold each level, stars and grades alike.</summary>
[GenerateSerializer, Immutable, Alias("RatingCounts")]
public readonly record struct RatingCounts(
    [property: Id(0)] int Star1,
    [property: Id(1)] int Star2,
    [property: Id(2)] int Star3,
    [property: Id(3)] int Star4,
    [property: Id(4)] int Star5,
    [property: Id(5)] int Unqualified,
    [property: Id(6)] int Qualified,
    [property: Id(7)] int Excellent,
    [property: Id(8)] int Model)
{
    public static RatingCounts Zero => default;

    public static RatingCounts One(RatingLevel level) => Zero.With(level, 1);

    public int this[RatingLevel level] => level switch
    {
        RatingLevel.Star1 => Star1,
        RatingLevel.Star2 => Star2,
        RatingLevel.Star3 => Star3,
        RatingLevel.Star4 => Star4,
        RatingLevel.Star5 => Star5,
        RatingLevel.Unqualified => Unqualified,
        RatingLevel.Qualified => Qualified,
        RatingLevel.Excellent => Excellent,
        RatingLevel.Model => Model,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public RatingCounts With(RatingLevel level, int count) => level switch
    {
        RatingLevel.Star1 => this with { Star1 = count },
        RatingLevel.Star2 => this with { Star2 = count },
        RatingLevel.Star3 => this with { Star3 = count },
        RatingLevel.Star4 => this with { Star4 = count },
        RatingLevel.Star5 => this with { Star5 = count },
        RatingLevel.Unqualified => this with { Unqualified = count },
        RatingLevel.Qualified => this with { Qualified = count },
        RatingLevel.Excellent => this with { Excellent = count },
        RatingLevel.Model => this with { Model = count },
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The top level of either scheme: 5★ or 样板.</summary>
    public int Top => Star5 + Model;

    public static RatingCounts operator +(RatingCounts a, RatingCounts b) => new(
        a.Star1 + b.Star1, a.Star2 + b.Star2, a.Star3 + b.Star3, a.Star4 + b.Star4, a.Star5 + b.Star5,
        a.Unqualified + b.Unqualified, a.Qualified + b.Qualified, a.Excellent + b.Excellent, a.Model + b.Model);

    public static RatingCounts operator -(RatingCounts a, RatingCounts b) => new(
        a.Star1 - b.Star1, a.Star2 - b.Star2, a.Star3 - b.Star3, a.Star4 - b.Star4, a.Star5 - b.Star5,
        a.Unqualified - b.Unqualified, a.Qualified - b.Qualified, a.Excellent - b.Excellent, a.Model - b.Model);
}
