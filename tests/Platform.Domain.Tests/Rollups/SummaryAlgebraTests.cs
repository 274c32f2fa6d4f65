using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;

namespace Platform.Domain.Tests.Rollups;

public class SummaryAlgebraTests
{
    private const int Iterations = 200;

    private static void ForRandomSummaries(int seed, Action<Random> check)
    {
        var rng = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            check(rng);
        }
    }

    [Fact]
    public void Random_summaries_are_not_trivially_equal()
    {
        var rng = new Random(1);
        var distinct = Enumerable.Range(0, 50).Select(_ => RandomData.Subtree(rng)).Distinct().Count();

        Assert.True(distinct > 40, $"only {distinct} distinct summaries: the generator is too narrow for the properties to mean anything");
        Assert.NotEqual(Summary.Zero, Summary.Zero with { Schools = 1 });
        Assert.NotEqual(Summary.Zero, Summary.Zero with { DimensionSums = DimensionTotals.Zero.With(Dimension.Bonus, 0.01m) });
        Assert.NotEqual(Summary.Zero, Summary.Zero with { Ratings = RatingCounts.One(RatingLevel.Model) });
    }

    [Fact]
    public void Adding_then_subtracting_a_summary_gives_back_the_original() =>
        ForRandomSummaries(11, rng =>
        {
            var a = RandomData.Subtree(rng);
            var b = RandomData.Subtree(rng);

            Assert.Equal(a, a + b - b);
        });

    [Fact]
    public void Addition_is_commutative() =>
        ForRandomSummaries(12, rng =>
        {
            var a = RandomData.Subtree(rng);
            var b = RandomData.Subtree(rng);

            Assert.Equal(a + b, b + a);
        });

    [Fact]
    public void Addition_is_associative() =>
        ForRandomSummaries(13, rng =>
        {
            var a = RandomData.Subtree(rng);
            var b = RandomData.Subtree(rng);
            var c = RandomData.Subtree(rng);

            Assert.Equal((a + b) + c, a + (b + c));
        });

    [Fact]
    public void Zero_is_the_identity() =>
        ForRandomSummaries(14, rng =>
        {
            var a = RandomData.Subtree(rng);

            Assert.Equal(a, a + Summary.Zero);
            Assert.Equal(a, Summary.Zero + a);
            Assert.Equal(a, a - Summary.Zero);
            Assert.Equal(Summary.Zero, a - a);
        });

    [Fact]
    public void Zero_equals_a_fresh_summary() => Assert.Equal(new Summary(), Summary.Zero);

    [Fact]
    public void Folding_in_any_order_gives_the_same_total() =>
        ForRandomSummaries(15, rng =>
        {
            var items = Enumerable.Range(0, rng.Next(0, 12)).Select(_ => RandomData.Contribution(rng)).ToList();

            Assert.Equal(RandomData.Sum(items), RandomData.Sum(RandomData.Shuffled(rng, items)));
            Assert.Equal(RandomData.Sum(items), RandomData.Sum(Enumerable.Reverse(items)));
        });

    [Fact]
    public void Subtracting_an_element_equals_folding_without_it() =>
        ForRandomSummaries(16, rng =>
        {
            var items = Enumerable.Range(0, rng.Next(1, 12)).Select(_ => RandomData.Subtree(rng)).ToList();
            var removed = rng.Next(items.Count);

            var without = items.Where((_, index) => index != removed);

            Assert.Equal(RandomData.Sum(without), RandomData.Sum(items) - items[removed]);
        });

    [Fact]
    public void Sum_of_contributions_counts_every_field_exactly() =>
        ForRandomSummaries(17, rng =>
        {
            var items = Enumerable.Range(0, rng.Next(0, 12)).Select(_ => RandomData.Contribution(rng)).ToList();

            var total = RandomData.Sum(items);

            Assert.Equal(items.Sum(s => s.Organisations), total.Organisations);
            Assert.Equal(items.Sum(s => s.Assessed), total.Assessed);
            Assert.Equal(items.Sum(s => s.ScoreSum), total.ScoreSum);
            Assert.Equal(items.Sum(s => s.DimensionSums.Setup), total.DimensionSums.Setup);
            Assert.Equal(items.Sum(s => s.Ratings.Star3), total.Ratings.Star3);
            Assert.Equal(items.Sum(s => s.CoveredPrivateSchools), total.CoveredPrivateSchools);
            Assert.Equal(total.Organisations, total.PartyCommittees + total.GeneralBranches + total.Branches + total.JointBranches);
            Assert.Equal(total.Assessed, RatingLevels.All.Sum(l => total.Ratings[l]));
            Assert.Equal(total.ScoreSum, total.DimensionSums.Sum);
            Assert.Equal(total.Schools - total.CoveredSchools, total.GapSchools);
            Assert.Equal(total.Schools - total.PrivateSchools, total.PublicSchools);
            Assert.InRange(total.Assessed, 0, total.RatedUnits);
        });

    [Fact]
    public void Average_score_is_null_when_nothing_was_assessed()
    {
        var unassessed = Summary.ForOrganisation(NodeKind.Branch, 10, 1, null) + Summary.ForSchool(SchoolProfile.Default, true);

        Assert.Null(Summary.Zero.AverageScore);
        Assert.Null(unassessed.AverageScore);
        Assert.Null(unassessed.AverageOf(Dimension.Setup));
        Assert.Null(unassessed.ComplianceRate);
        Assert.Null(unassessed.TopRatingShare);
        Assert.Equal(0m, unassessed.AssessedRate);
    }

    [Fact]
    public void Rates_are_null_when_there_is_nothing_to_divide_by()
    {
        Assert.Null(Summary.Zero.CoverageRate);
        Assert.Null(Summary.Zero.AssessedRate);
        Assert.Null(Summary.Zero.ComplianceRate);
        Assert.Null(Summary.Zero.TopRatingShare);
    }

    [Theory]
    [InlineData(3, "200", "66.67")]
    [InlineData(2, "0.01", "0.01")]      // 0.005: midpoint rounds away from zero
    [InlineData(4, "350", "87.5")]
    [InlineData(1, "110", "110")]
    public void Average_score_is_the_score_sum_over_assessed_rounded_to_two_decimals(int assessed, string scoreSum, string expected)
    {
        var summary = new Summary { Assessed = assessed, ScoreSum = Dec(scoreSum), DimensionSums = DimensionTotals.Zero.With(Dimension.Management, Dec(scoreSum)) };

        Assert.Equal(Dec(expected), summary.AverageScore);
        Assert.Equal(Dec(expected), summary.AverageOf(Dimension.Management));
        Assert.Equal(0m, summary.AverageOf(Dimension.Setup));
    }

    [Theory]
    [InlineData(2, 3, "0.6667")]
    [InlineData(1, 3, "0.3333")]
    [InlineData(1, 32, "0.0313")]        // 0.03125: midpoint rounds away from zero
    [InlineData(0, 7, "0")]
    [InlineData(5, 5, "1")]
    public void Rates_are_rounded_to_four_decimals(int part, int whole, string expected)
    {
        var summary = new Summary
        {
            Assessed = whole,
            Compliant = part,
            Ratings = RatingCounts.Zero.With(RatingLevel.Star5, part),
            Schools = whole,
            CoveredSchools = part,
            Branches = whole,
        };

        Assert.Equal(Dec(expected), summary.ComplianceRate);
        Assert.Equal(Dec(expected), summary.CoverageRate);
        Assert.Equal(Dec(expected), summary.TopRatingShare);
        Assert.Equal(1m, summary.AssessedRate);
    }

    [Fact]
    public void Top_rating_share_counts_five_stars_and_model_alike()
    {
        var summary = new Summary { Assessed = 4, Ratings = new RatingCounts(0, 0, 0, 0, 1, 0, 0, 2, 1) };

        Assert.Equal(0.5m, summary.TopRatingShare);
    }

    [Fact]
    public void Gap_schools_are_the_schools_not_covered()
    {
        var summary = Summary.ForSchool(SchoolProfile.Default, true)
            + Summary.ForSchool(SchoolProfile.Default with { IsPrivate = true }, false)
            + Summary.ForSchool(SchoolProfile.Default with { IsPrivate = true }, true)
            + Summary.ForSchool(SchoolProfile.Default, false);

        Assert.Equal(4, summary.Schools);
        Assert.Equal(2, summary.CoveredSchools);
        Assert.Equal(2, summary.GapSchools);
        Assert.Equal(2, summary.PrivateSchools);
        Assert.Equal(1, summary.CoveredPrivateSchools);
        Assert.Equal(2, summary.PublicSchools);
        Assert.Equal(0.5m, summary.CoverageRate);
    }

    [Fact]
    public void School_contributes_one_school_covered_or_not()
    {
        Assert.Equal(new Summary { Schools = 1, PrivateSchools = 1, CoveredSchools = 1, CoveredPrivateSchools = 1 }, Summary.ForSchool(SchoolProfile.Default with { IsPrivate = true }, true));
        Assert.Equal(new Summary { Schools = 1 }, Summary.ForSchool(SchoolProfile.Default, false));
    }

    [Fact]
    public void Assessed_branch_contributes_its_assessment()
    {
        var assessment = Inputs.ScoreOrFail(Frameworks.Stars, Inputs.Scores(Inputs.FullMarks(Frameworks.Stars)));

        var summary = Summary.ForOrganisation(NodeKind.Branch, 20, 3, assessment);

        Assert.Equal(
            new Summary
            {
                Organisations = 1,
                Branches = 1,
                Members = 20,
                ProbationaryMembers = 3,
                Assessed = 1,
                Compliant = 1,
                Ratings = RatingCounts.One(RatingLevel.Star5),
                ScoreSum = 100m,
                DimensionSums = assessment.Dimensions,
            },
            summary);
        Assert.Equal(100m, summary.AverageScore);
        Assert.Equal(1m, summary.ComplianceRate);
    }

    [Fact]
    public void Vetoed_joint_branch_counts_as_assessed_vetoed_and_not_compliant()
    {
        var assessment = Inputs.ScoreOrFail(Frameworks.Grades, Inputs.Scores(Inputs.FullMarks(Frameworks.Grades), "V3"));

        var summary = Summary.ForOrganisation(NodeKind.JointBranch, 5, 0, assessment);

        Assert.Equal(1, summary.JointBranches);
        Assert.Equal(1, summary.Assessed);
        Assert.Equal(1, summary.Vetoed);
        Assert.Equal(0, summary.Compliant);
        Assert.Equal(1, summary.Ratings.Unqualified);
        Assert.Equal(100m, summary.ScoreSum);
    }

    [Theory]
    [InlineData(NodeKind.PartyCommittee)]
    [InlineData(NodeKind.GeneralBranch)]
    public void Unrated_organisation_ignores_an_assessment(NodeKind kind)
    {
        var assessment = Inputs.ScoreOrFail(Frameworks.Stars, Inputs.Scores(Inputs.FullMarks(Frameworks.Stars)));

        var summary = Summary.ForOrganisation(kind, 7, 1, assessment);

        Assert.Equal(Summary.ForOrganisation(kind, 7, 1, null), summary);
        Assert.Equal(0, summary.Assessed);
        Assert.Equal(0m, summary.ScoreSum);
        Assert.Equal(1, summary.Organisations);
        Assert.Equal(kind == NodeKind.PartyCommittee ? 1 : 0, summary.PartyCommittees);
        Assert.Equal(kind == NodeKind.GeneralBranch ? 1 : 0, summary.GeneralBranches);
    }

    private static decimal Dec(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
