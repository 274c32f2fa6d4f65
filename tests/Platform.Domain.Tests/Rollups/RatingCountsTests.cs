using Platform.Domain.Framework;
using Platform.Domain.Rollups;

namespace Platform.Domain.Tests.Rollups;

public class RatingCountsTests
{
    [Fact]
    public void One_counts_exactly_its_level()
    {
        foreach (var level in RatingLevels.All)
        {
            var one = RatingCounts.One(level);

            Assert.All(RatingLevels.All, other => Assert.Equal(other == level ? 1 : 0, one[other]));
        }
    }

    [Fact]
    public void With_sets_only_its_level()
    {
        var counts = RatingCounts.Zero.With(RatingLevel.Excellent, 7).With(RatingLevel.Star2, 3);

        Assert.Equal(new RatingCounts(0, 3, 0, 0, 0, 0, 0, 7, 0), counts);
    }

    [Fact]
    public void Addition_and_subtraction_work_level_by_level()
    {
        var a = new RatingCounts(1, 2, 3, 4, 5, 6, 7, 8, 9);
        var b = new RatingCounts(9, 8, 7, 6, 5, 4, 3, 2, 1);

        Assert.Equal(new RatingCounts(10, 10, 10, 10, 10, 10, 10, 10, 10), a + b);
        Assert.Equal(new RatingCounts(-8, -6, -4, -2, 0, 2, 4, 6, 8), a - b);
        Assert.Equal(a, a + b - b);
    }

    [Fact]
    public void Top_is_five_stars_plus_model() =>
        Assert.Equal(14, new RatingCounts(1, 2, 3, 4, 5, 6, 7, 8, 9).Top);
}
