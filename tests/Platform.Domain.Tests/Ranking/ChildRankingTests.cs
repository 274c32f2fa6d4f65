using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;

namespace Platform.Domain.Tests.Ranking;

public class ChildRankingTests
{
    private static ChildRollup Child(string code, decimal? average, string? name = null, int schools = 0) => new(
        code,
        NodeKind.City,
        name ?? code,
        1,
        average is { } value ? new Summary { Assessed = 2, ScoreSum = value * 2, Schools = schools } : new Summary { Schools = schools });

    private static readonly ChildRollup[] Children =
    [
        Child("430500", 80m, "邵阳市"),
        Child("430100", null, "长沙市"),
        Child("430300", 90m, "湘潭市"),
        Child("430200", 80m, "株洲市"),
        Child("430400", null, "衡阳市"),
        Child("430600", 72.5m, "岳阳市"),
    ];

    private static string[] Codes(ChildrenPage page) => page.Items.Select(c => c.Code).ToArray();

    [Fact]
    public void Average_score_descending_puts_the_best_first_and_the_unassessed_last() =>
        Assert.Equal(
            ["430300", "430200", "430500", "430600", "430100", "430400"],
            Codes(ChildRanking.Apply(Children, new("averageScore", Descending: true))));

    [Fact]
    public void Average_score_ascending_still_puts_the_unassessed_last() =>
        Assert.Equal(
            ["430600", "430200", "430500", "430300", "430100", "430400"],
            Codes(ChildRanking.Apply(Children, new("averageScore", Descending: false))));

    [Fact]
    public void Ties_are_broken_by_code_in_either_direction()
    {
        var tied = new[] { Child("c", 70m), Child("a", 70m), Child("b", 70m) };

        Assert.Equal(["a", "b", "c"], Codes(ChildRanking.Apply(tied, new("averageScore", Descending: true))));
        Assert.Equal(["a", "b", "c"], Codes(ChildRanking.Apply(tied, new("averageScore", Descending: false))));
    }

    [Fact]
    public void Metric_names_are_case_insensitive() =>
        Assert.Equal(
            Codes(ChildRanking.Apply(Children, new("averageScore", Descending: true))),
            Codes(ChildRanking.Apply(Children, new("AVERAGESCORE", Descending: true))));

    [Fact]
    public void Default_query_sorts_by_code() =>
        Assert.Equal(Children.Select(c => c.Code).Order(StringComparer.Ordinal), Codes(ChildRanking.Apply(Children, ChildrenQuery.Default)));

    [Fact]
    public void Sorting_by_code_descending_reverses_the_codes() =>
        Assert.Equal(
            Children.Select(c => c.Code).OrderDescending(StringComparer.Ordinal),
            Codes(ChildRanking.Apply(Children, new("code", Descending: true))));

    [Fact]
    public void Sorting_by_name_uses_the_names() =>
        Assert.Equal(
            Children.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Code),
            Codes(ChildRanking.Apply(Children, new("name"))));

    [Fact]
    public void Sorting_by_a_count_metric_ranks_every_child()
    {
        var children = new[] { Child("a", null, schools: 3), Child("b", null, schools: 10), Child("c", null, schools: 0) };

        Assert.Equal(["b", "a", "c"], Codes(ChildRanking.Apply(children, new("schools", Descending: true))));
    }

    [Theory]
    [InlineData(1, 4, new[] { "430300", "430200", "430500", "430600" })]
    [InlineData(2, 4, new[] { "430100", "430400" })]
    [InlineData(3, 4, new string[0])]
    [InlineData(2, 2, new[] { "430500", "430600" })]
    [InlineData(1, 500, new[] { "430300", "430200", "430500", "430600", "430100", "430400" })]
    public void Paging_returns_the_right_slice_and_counts_every_child(int page, int pageSize, string[] expected)
    {
        var result = ChildRanking.Apply(Children, new("averageScore", Descending: true, Page: page, PageSize: pageSize));

        Assert.Equal(expected, Codes(result));
        Assert.Equal(Children.Length, result.Total);
    }

    [Fact]
    public void Page_far_beyond_the_last_is_empty_even_when_its_offset_exceeds_an_int()
    {
        // (Page - 1) × PageSize = 2 × (2³¹ − 2) does not fit in an int; the page is still past the end.
        var result = ChildRanking.Apply(Children, new("code", Page: int.MaxValue, PageSize: 2));

        Assert.Empty(result.Items);
        Assert.Equal(Children.Length, result.Total);
    }

    [Fact]
    public void Pages_put_together_give_the_whole_ranking_once()
    {
        var rng = new Random(77);
        for (var i = 0; i < 50; i++)
        {
            var children = Enumerable.Range(0, rng.Next(0, 40))
                .Select(n => Child($"c{n:D3}", rng.Next(4) == 0 ? null : rng.Next(0, 20) * 5m))
                .ToList();
            var pageSize = rng.Next(1, 10);
            var descending = rng.Next(2) == 0;
            var whole = Codes(ChildRanking.Apply(children, new("averageScore", descending, 1, ChildrenQuery.MaxPageSize)));

            var pages = new List<string>();
            for (var page = 1; page <= (children.Count + pageSize - 1) / pageSize + 1; page++)
            {
                var result = ChildRanking.Apply(children, new("averageScore", descending, page, pageSize));
                Assert.Equal(children.Count, result.Total);
                pages.AddRange(Codes(result));
            }

            Assert.Equal(whole, pages);
            Assert.Equal(children.Select(c => c.Code).Order(StringComparer.Ordinal), whole.Order(StringComparer.Ordinal));
            var values = whole.Select(code => children.Single(c => c.Code == code).Summary.AverageScore).ToList();
            var assessed = values.TakeWhile(v => v is not null).Select(v => v!.Value).ToList();
            Assert.All(values.Skip(assessed.Count), v => Assert.Null(v));
            Assert.Equal(descending ? assessed.OrderDescending() : assessed.Order(), assessed);
        }
    }

    [Theory]
    [InlineData("code", true)]
    [InlineData("name", true)]
    [InlineData("averageScore", true)]
    [InlineData("complianceRate", true)]
    [InlineData("dimensions.organisationalLife", true)]
    [InlineData("ratings.star5", true)]
    [InlineData("ratings.model", true)]
    [InlineData("gapSchools", true)]
    [InlineData("bogus", false)]
    [InlineData("", false)]
    public void IsKnownSort_accepts_code_name_and_every_metric(string sortBy, bool known) =>
        Assert.Equal(known, ChildRanking.IsKnownSort(sortBy));
}
