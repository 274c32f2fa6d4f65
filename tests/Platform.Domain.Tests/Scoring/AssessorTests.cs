using Platform.Domain.Framework;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;

namespace Platform.Domain.Tests.Scoring;

public class AssessorTests
{
    private static readonly FrameworkVersion Stars = Frameworks.Stars;

    private static void AssertRejected(ScoringOutcome outcome, string field)
    {
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Assessment);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Full_marks_total_100_rate_five_stars_and_are_compliant()
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Scores(Inputs.FullMarks(Stars)));

        Assert.Equal(100m, assessment.Total);
        Assert.Equal(RatingLevel.Star5, assessment.Rating);
        Assert.True(assessment.Compliant);
        Assert.Equal(new DimensionTotals(15m, 30m, 25m, 15m, 15m, 0m), assessment.Dimensions);
        Assert.Equal(Stars.Version, assessment.FrameworkVersion);
    }

    [Fact]
    public void Bonus_is_capped_at_ten_even_when_bonus_indicators_sum_higher()
    {
        Assert.True(Stars.Of(Dimension.Bonus).Sum(i => i.Max) > Stars.BonusCap);

        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Scores(Inputs.FullMarks(Stars, withBonus: true)));

        Assert.Equal(10m, assessment.Dimensions.Bonus);
        Assert.Equal(110m, assessment.Total);
        Assert.Equal(RatingLevel.Star5, assessment.Rating);
        Assert.Equal(4m, assessment.IndicatorScores["6.1"]);
    }

    [Fact]
    public void Bonus_below_the_cap_counts_in_full()
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Scores(("6.1", 4m), ("6.2", 2.5m)));

        Assert.Equal(6.5m, assessment.Dimensions.Bonus);
        Assert.Equal(6.5m, assessment.Total);
    }

    [Fact]
    public void Dimension_totals_sum_their_own_indicators()
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Scores(("1.1", 2.5m), ("1.2", 1m), ("2.1", 4m), ("3.3", 0.25m), ("4.5", 2m), ("5.1", 3.75m)));

        Assert.Equal(new DimensionTotals(3.5m, 4m, 0.25m, 2m, 3.75m, 0m), assessment.Dimensions);
        Assert.Equal(13.5m, assessment.Total);
    }

    [Fact]
    public void Missing_indicators_count_as_zero()
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Scores(("1.1", 3m)));

        Assert.Equal(3m, assessment.Total);
        Assert.Equal(3m, assessment.Dimensions.Setup);
        Assert.Equal(0m, assessment.Dimensions.OrganisationalLife);
        Assert.Equal(RatingLevel.Star1, assessment.Rating);
        Assert.False(assessment.Compliant);
    }

    [Fact]
    public void An_empty_input_scores_zero_at_the_lowest_level()
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Scores());

        Assert.Equal(0m, assessment.Total);
        Assert.Equal(DimensionTotals.Zero, assessment.Dimensions);
        Assert.Equal(RatingLevel.Star1, assessment.Rating);
        Assert.False(assessment.Compliant);
    }

    [Fact]
    public void Negative_points_are_rejected_naming_the_indicator() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Scores(("1.1", -0.01m))), "scores.1.1");

    [Fact]
    public void Score_above_indicator_maximum_is_rejected_naming_the_indicator()
    {
        var outcome = Assessor.Score(Stars, Inputs.Scores(("2.1", 5.01m)));

        AssertRejected(outcome, "scores.2.1");
        Assert.Contains("5", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_exactly_at_the_maximum_is_accepted() =>
        Assert.Equal(5m, Inputs.ScoreOrFail(Stars, Inputs.Scores(("2.1", 5m))).IndicatorScores["2.1"]);

    [Fact]
    public void Score_with_more_than_two_decimals_is_rejected_naming_the_indicator() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Scores(("3.1", 1.125m))), "scores.3.1");

    [Fact]
    public void Score_with_trailing_zero_decimals_is_accepted() =>
        Assert.Equal(1.5m, Inputs.ScoreOrFail(Stars, Inputs.Scores(("3.1", 1.5000m))).Total);

    [Fact]
    public void Score_for_an_unknown_indicator_is_rejected_naming_it()
    {
        var outcome = Assessor.Score(Stars, Inputs.Scores(("9.9", 1m)));

        AssertRejected(outcome, "scores.9.9");
        Assert.Contains("9.9", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_for_an_unknown_indicator_is_rejected_naming_it() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Counts(("2.99", 1, 1))), "counts.2.99");

    [Fact]
    public void Fact_for_an_unknown_indicator_is_rejected_naming_it() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Facts(("1.99", true))), "facts.1.99");

    [Fact]
    public void Unknown_veto_is_rejected_naming_its_position()
    {
        var outcome = Assessor.Score(Stars, Inputs.Scores(new Dictionary<string, decimal>(), "V1", "V9"));

        AssertRejected(outcome, "vetoes[1]");
        Assert.Contains("V9", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Veto_listed_twice_is_rejected() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Scores(new Dictionary<string, decimal>(), "V2", "V2")), "vetoes");

    [Fact]
    public void Count_for_a_checked_indicator_is_rejected_naming_the_indicator() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Counts(("1.1", 1, 1))), "counts.1.1");

    [Fact]
    public void Count_for_a_derived_indicator_is_rejected_naming_the_indicator() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Counts(("1.4", 1, 1))), "counts.1.4");

    [Fact]
    public void Fact_for_a_counted_indicator_is_rejected_naming_the_indicator() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Facts(("2.1", true))), "facts.2.1");

    [Fact]
    public void Fact_for_a_checked_indicator_is_rejected_naming_the_indicator() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Facts(("5.1", false))), "facts.5.1");

    [Fact]
    public void Both_a_score_and_a_count_for_one_indicator_are_rejected()
    {
        var input = Inputs.Counts(("2.2", 6, 12)) with { Scores = new Dictionary<string, decimal> { ["2.2"] = 5m } };

        AssertRejected(Assessor.Score(Stars, input), "counts.2.2");
    }

    [Fact]
    public void Both_a_score_and_a_fact_for_one_indicator_are_rejected()
    {
        var input = Inputs.Facts(("1.4", true)) with { Scores = new Dictionary<string, decimal> { ["1.4"] = 3m } };

        AssertRejected(Assessor.Score(Stars, input), "facts.1.4");
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(0, 0)]
    [InlineData(3, -1)]
    public void Count_with_required_zero_or_less_is_rejected_naming_the_indicator(int held, int required) =>
        AssertRejected(Assessor.Score(Stars, Inputs.Counts(("2.2", held, required))), "counts.2.2");

    [Fact]
    public void Count_with_negative_held_is_rejected_naming_the_indicator() =>
        AssertRejected(Assessor.Score(Stars, Inputs.Counts(("2.3", -1, 12))), "counts.2.3");

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var input = new AssessmentInput(
            new Dictionary<string, decimal> { ["1.1"] = -1m, ["1.2"] = 1m, ["x"] = 1m },
            new Dictionary<string, MeetingCount> { ["2.1"] = new(1, 0) },
            new Dictionary<string, bool> { ["2.2"] = true },
            ["V1", "nope"]);

        var outcome = Assessor.Score(Stars, input);

        Assert.Null(outcome.Assessment);
        Assert.Equal(
            new[] { "counts.2.1", "facts.2.2", "scores.1.1", "scores.x", "vetoes[1]" },
            outcome.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2.1", 1, 3, "1.67")]    // 5 × 1/3 = 1.666…
    [InlineData("2.3", 2, 3, "2.67")]    // 4 × 2/3 = 2.666…
    [InlineData("2.2", 7, 12, "2.92")]   // 5 × 7/12 = 2.9166…
    [InlineData("2.2", 6, 12, "2.5")]
    [InlineData("2.1", 1, 8, "0.63")]    // 5 × 1/8 = 0.625: midpoint rounds away from zero
    [InlineData("2.7", 1, 1, "3")]
    [InlineData("2.5", 0, 12, "0")]
    public void Counted_indicator_earns_held_over_required_times_max_rounded_to_two_decimals(string id, int held, int required, string expected)
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Counts((id, held, required)));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), assessment.IndicatorScores[id]);
        Assert.Equal(assessment.IndicatorScores[id], assessment.Total);
    }

    [Theory]
    [InlineData(13, 12)]
    [InlineData(40, 4)]
    public void Counted_indicator_is_capped_at_its_maximum_when_more_were_held_than_required(int held, int required)
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Counts(("2.2", held, required)));

        Assert.Equal(5m, assessment.IndicatorScores["2.2"]);
    }

    [Fact]
    public void Derived_indicator_earns_its_maximum_when_the_fact_is_met() =>
        Assert.Equal(3m, Inputs.ScoreOrFail(Stars, Inputs.Facts(("1.4", true))).IndicatorScores["1.4"]);

    [Fact]
    public void Derived_indicator_earns_zero_when_the_fact_is_not_met()
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Facts(("1.4", false)));

        Assert.Equal(0m, assessment.IndicatorScores["1.4"]);
        Assert.Equal(0m, assessment.Total);
    }

    [Fact]
    public void Points_may_be_given_directly_for_counted_and_derived_indicators()
    {
        var assessment = Inputs.ScoreOrFail(Stars, Inputs.Scores(("2.1", 2.5m), ("1.4", 1.5m)));

        Assert.Equal(4m, assessment.Total);
    }

    [Fact]
    public void Records_facts_and_points_combine_into_one_total()
    {
        var input = new AssessmentInput(
            new Dictionary<string, decimal> { ["1.1"] = 3m },
            new Dictionary<string, MeetingCount> { ["2.2"] = new(6, 12) },
            new Dictionary<string, bool> { ["1.4"] = true },
            []);

        var assessment = Inputs.ScoreOrFail(Stars, input);

        Assert.Equal(6m, assessment.Dimensions.Setup);
        Assert.Equal(2.5m, assessment.Dimensions.OrganisationalLife);
        Assert.Equal(8.5m, assessment.Total);
        Assert.Same(input, assessment.Input);
    }

    [Fact]
    public void Random_valid_inputs_are_scored_consistently()
    {
        var rng = new Random(20240901);
        var seen = new HashSet<(RatingLevel, bool)>();
        for (var i = 0; i < 300; i++)
        {
            var framework = i % 2 == 0 ? Frameworks.Stars : Frameworks.Grades;
            var input = RandomData.Input(rng, framework);

            var assessment = Inputs.ScoreOrFail(framework, input);

            Assert.Equal(assessment.Dimensions.Sum, assessment.Total);
            Assert.InRange(assessment.Dimensions.Bonus, 0m, framework.BonusCap);
            Assert.InRange(assessment.Total, 0m, 100m + framework.BonusCap);
            foreach (var definition in framework.Dimensions.Where(d => d.Id != Dimension.Bonus))
            {
                Assert.Equal(definition.Indicators.Sum(x => assessment.IndicatorScores.GetValueOrDefault(x.Id)), assessment.Dimensions[definition.Id]);
            }

            foreach (var (id, points) in assessment.IndicatorScores)
            {
                Assert.InRange(points, 0m, framework.FindIndicator(id)!.Max);
                Assert.Equal(decimal.Round(points, 2), points);
            }

            Assert.Equal(framework.Scheme, assessment.Rating.Scheme());
            var band = framework.Bands.Last(b => b.MinScore <= assessment.Total);
            Assert.True(assessment.Rating.Rank() <= band.Level.Rank(), $"rated {assessment.Rating} above the {band.Level} its points reach");
            Assert.Equal(input.Vetoes.Count == 0 && assessment.Rating.Rank() >= framework.PassLevel.Rank(), assessment.Compliant);
            seen.Add((assessment.Rating, assessment.Compliant));
        }

        // The generator reaches every level, compliant or not where that is possible, so the checks above mean something.
        Assert.Superset(RatingLevels.All.Select(l => (l, l.Rank() >= 1)).ToHashSet(), seen);
    }
}
