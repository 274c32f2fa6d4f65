using System.Globalization;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;

namespace Platform.Domain.Tests.Scoring;

public class RatingTests
{
    private static readonly FrameworkVersion Stars = Frameworks.Stars;
    private static readonly FrameworkVersion Grades = Frameworks.Grades;

    private static Assessment Score(FrameworkVersion framework, Dictionary<string, decimal> points, params string[] vetoes) =>
        Inputs.ScoreOrFail(framework, Inputs.Scores(points, vetoes));

    private static Assessment AtTotal(FrameworkVersion framework, string total, params string[] vetoes)
    {
        var assessment = Score(framework, Inputs.WithTotal(framework, decimal.Parse(total, CultureInfo.InvariantCulture)), vetoes);
        Assert.Equal(decimal.Parse(total, CultureInfo.InvariantCulture), assessment.Total);
        return assessment;
    }

    [Fact]
    public void Default_stars_framework_has_the_documented_bands_gates_pass_level_and_veto_caps()
    {
        Assert.Equal(
            new[] { (RatingLevel.Star1, 0m), (RatingLevel.Star2, 60m), (RatingLevel.Star3, 70m), (RatingLevel.Star4, 80m), (RatingLevel.Star5, 90m) },
            Stars.Bands.Select(b => (b.Level, b.MinScore)));
        Assert.Equal(RatingLevel.Star2, Stars.PassLevel);
        Assert.Equal(10m, Stars.BonusCap);
        Assert.Empty(Stars.Bands[1].Gates);
        Assert.Equal(new[] { Dimension.Setup }, Stars.Bands[2].Gates.Select(g => g.Dimension));
        Assert.Equal(new[] { Dimension.Setup, Dimension.OrganisationalLife }, Stars.Bands[4].Gates.Select(g => g.Dimension));
        Assert.Equal(new[] { 0.6m, 0.8m }, Stars.Bands[4].Gates.Select(g => g.MinShareOfMax));
        Assert.Equal(
            new[] { ("V1", RatingLevel.Star2), ("V2", RatingLevel.Star2), ("V3", RatingLevel.Star2), ("V4", RatingLevel.Star2), ("V5", RatingLevel.Star1) },
            Stars.Vetoes.Select(v => (v.Id, v.Cap)));
    }

    [Fact]
    public void Default_grades_framework_has_the_documented_bands_pass_level_and_veto_caps()
    {
        Assert.Equal(
            new[] { (RatingLevel.Unqualified, 0m), (RatingLevel.Qualified, 60m), (RatingLevel.Excellent, 85m), (RatingLevel.Model, 95m) },
            Grades.Bands.Select(b => (b.Level, b.MinScore)));
        Assert.Equal(RatingLevel.Qualified, Grades.PassLevel);
        Assert.All(Grades.Vetoes, v => Assert.Equal(RatingLevel.Unqualified, v.Cap));
        Assert.Equal(5, Grades.Vetoes.Count);
    }

    [Theory]
    [InlineData("100", RatingLevel.Star5)]
    [InlineData("90", RatingLevel.Star5)]
    [InlineData("89.99", RatingLevel.Star4)]
    [InlineData("80", RatingLevel.Star4)]
    [InlineData("79.99", RatingLevel.Star3)]
    [InlineData("70", RatingLevel.Star3)]
    [InlineData("69.99", RatingLevel.Star2)]
    [InlineData("60", RatingLevel.Star2)]
    [InlineData("59.99", RatingLevel.Star1)]
    [InlineData("0", RatingLevel.Star1)]
    public void Stars_band_is_reached_from_its_exact_minimum_when_gates_hold(string total, RatingLevel expected) =>
        Assert.Equal(expected, AtTotal(Stars, total).Rating);

    [Theory]
    [InlineData("100", RatingLevel.Model)]
    [InlineData("95", RatingLevel.Model)]
    [InlineData("94.99", RatingLevel.Excellent)]
    [InlineData("85", RatingLevel.Excellent)]
    [InlineData("84.99", RatingLevel.Qualified)]
    [InlineData("60", RatingLevel.Qualified)]
    [InlineData("59.99", RatingLevel.Unqualified)]
    [InlineData("0", RatingLevel.Unqualified)]
    public void Grades_band_is_reached_from_its_exact_minimum_when_gates_hold(string total, RatingLevel expected) =>
        Assert.Equal(expected, AtTotal(Grades, total).Rating);

    [Theory]
    [InlineData("60", true)]
    [InlineData("59.99", false)]
    [InlineData("95", true)]
    public void Stars_compliance_means_at_least_two_stars_without_veto(string total, bool compliant) =>
        Assert.Equal(compliant, AtTotal(Stars, total).Compliant);

    [Theory]
    [InlineData("60", true)]
    [InlineData("59.99", false)]
    [InlineData("100", true)]
    public void Grades_compliance_means_at_least_qualified_without_veto(string total, bool compliant) =>
        Assert.Equal(compliant, AtTotal(Grades, total).Compliant);

    [Fact]
    public void Bonus_points_count_towards_the_band()
    {
        var points = Inputs.WithTotal(Stars, 80m).With("6.1", 4m).With("6.2", 3m).With("6.3", 3m);

        var assessment = Score(Stars, points);

        Assert.Equal(90m, assessment.Total);
        Assert.Equal(RatingLevel.Star5, assessment.Rating);
    }

    [Fact]
    public void Setup_indicator_below_60_percent_caps_stars_at_two_stars_whatever_the_points()
    {
        var assessment = Score(Stars, Inputs.FullMarks(Stars, withBonus: true).With("1.2", 1.19m));

        Assert.True(assessment.Total >= 90m);
        Assert.Equal(RatingLevel.Star2, assessment.Rating);
        Assert.True(assessment.Compliant);
    }

    [Fact]
    public void Setup_indicator_at_exactly_60_percent_meets_the_gate()
    {
        var assessment = Score(Stars, Inputs.FullMarks(Stars).With("1.2", 1.2m).With("1.1", 1.8m));

        Assert.Equal(RatingLevel.Star5, assessment.Rating);
    }

    [Fact]
    public void Setup_indicator_left_out_fails_the_gate()
    {
        var points = Inputs.FullMarks(Stars, withBonus: true);
        points.Remove("1.5");

        Assert.Equal(RatingLevel.Star2, Score(Stars, points).Rating);
    }

    [Fact]
    public void Overdue_committee_term_fails_the_setup_gate()
    {
        var points = Inputs.FullMarks(Stars);
        points.Remove("1.4");
        var input = new AssessmentInput(points, new Dictionary<string, MeetingCount>(), new Dictionary<string, bool> { ["1.4"] = false }, []);

        var assessment = Inputs.ScoreOrFail(Stars, input);

        Assert.Equal(97m, assessment.Total);
        Assert.Equal(RatingLevel.Star2, assessment.Rating);
    }

    [Fact]
    public void Organisational_life_indicator_below_80_percent_pushes_five_stars_down_to_four()
    {
        var assessment = Score(Stars, Inputs.FullMarks(Stars).With("2.1", 3.99m));

        Assert.Equal(98.99m, assessment.Total);
        Assert.Equal(RatingLevel.Star4, assessment.Rating);
    }

    [Fact]
    public void Organisational_life_indicator_at_exactly_80_percent_keeps_five_stars() =>
        Assert.Equal(RatingLevel.Star5, Score(Stars, Inputs.FullMarks(Stars).With("2.1", 4m)).Rating);

    [Fact]
    public void Too_few_committee_meetings_on_record_fail_the_organisational_life_gate()
    {
        var points = Inputs.FullMarks(Stars);
        points.Remove("2.2");
        var input = new AssessmentInput(points, new Dictionary<string, MeetingCount> { ["2.2"] = new(9, 12) }, new Dictionary<string, bool>(), []);

        var assessment = Inputs.ScoreOrFail(Stars, input);

        Assert.Equal(3.75m, assessment.IndicatorScores["2.2"]);
        Assert.Equal(RatingLevel.Star4, assessment.Rating);
    }

    [Fact]
    public void Setup_gate_failing_pushes_three_stars_down_to_two_but_no_further()
    {
        var failing = Score(Stars, Inputs.WithTotal(Stars, 78m).With("1.1", 0m));
        var meeting = Score(Stars, Inputs.WithTotal(Stars, 78m).With("1.1", 1.8m));

        Assert.Equal(75m, failing.Total);
        Assert.Equal(RatingLevel.Star2, failing.Rating);
        Assert.True(failing.Compliant);
        Assert.Equal(76.8m, meeting.Total);
        Assert.Equal(RatingLevel.Star3, meeting.Rating);
    }

    [Fact]
    public void Grades_setup_gate_failing_caps_at_qualified()
    {
        var assessment = Score(Grades, Inputs.FullMarks(Grades).With("1.3", 1m));

        Assert.Equal(RatingLevel.Qualified, assessment.Rating);
        Assert.True(assessment.Compliant);
    }

    [Fact]
    public void Grades_organisational_life_gate_failing_caps_at_excellent() =>
        Assert.Equal(RatingLevel.Excellent, Score(Grades, Inputs.FullMarks(Grades).With("2.6", 3m)).Rating);

    [Theory]
    [InlineData("V1", RatingLevel.Star2)]
    [InlineData("V2", RatingLevel.Star2)]
    [InlineData("V3", RatingLevel.Star2)]
    [InlineData("V4", RatingLevel.Star2)]
    [InlineData("V5", RatingLevel.Star1)]
    public void Stars_veto_caps_full_marks_and_makes_them_non_compliant(string veto, RatingLevel cap)
    {
        var assessment = Score(Stars, Inputs.FullMarks(Stars, withBonus: true), veto);

        Assert.Equal(110m, assessment.Total);
        Assert.Equal(cap, assessment.Rating);
        Assert.False(assessment.Compliant);
    }

    [Theory]
    [InlineData("V1")]
    [InlineData("V3")]
    [InlineData("V5")]
    public void Grades_veto_caps_full_marks_at_unqualified(string veto)
    {
        var assessment = Score(Grades, Inputs.FullMarks(Grades, withBonus: true), veto);

        Assert.Equal(RatingLevel.Unqualified, assessment.Rating);
        Assert.False(assessment.Compliant);
    }

    [Fact]
    public void The_worst_of_several_vetoes_applies()
    {
        var assessment = Score(Stars, Inputs.FullMarks(Stars), "V1", "V5");

        Assert.Equal(RatingLevel.Star1, assessment.Rating);
        Assert.Equal(RatingLevel.Star1, Score(Stars, Inputs.FullMarks(Stars), "V5", "V1").Rating);
    }

    [Fact]
    public void A_veto_never_raises_a_rating()
    {
        var assessment = AtTotal(Stars, "30", "V1");

        Assert.Equal(RatingLevel.Star1, assessment.Rating);
        Assert.False(assessment.Compliant);
    }

    [Fact]
    public void A_vetoed_branch_at_the_pass_level_is_still_non_compliant()
    {
        var assessment = AtTotal(Stars, "65", "V2");

        Assert.Equal(RatingLevel.Star2, assessment.Rating);
        Assert.False(assessment.Compliant);
    }

    [Fact]
    public void Rate_picks_the_highest_band_whose_points_and_gates_hold()
    {
        var points = Inputs.FullMarks(Stars);

        Assert.Equal(RatingLevel.Star5, Assessor.Rate(Stars, 90m, points, []));
        Assert.Equal(RatingLevel.Star4, Assessor.Rate(Stars, 89.99m, points, []));
        Assert.Equal(RatingLevel.Star2, Assessor.Rate(Stars, 95m, points.With("1.6", 0m), []));
        Assert.Equal(RatingLevel.Star1, Assessor.Rate(Stars, 95m, points, ["V5"]));
        Assert.Equal(RatingLevel.Model, Assessor.Rate(Grades, 95m, Inputs.FullMarks(Grades), []));
    }

    [Fact]
    public void Grades_scheme_only_yields_grade_levels()
    {
        var levels = new HashSet<RatingLevel>();
        foreach (var total in new[] { "0", "59.99", "60", "84.99", "85", "94.99", "95", "100" })
        {
            levels.Add(AtTotal(Grades, total).Rating);
        }

        Assert.Equal(RatingLevels.Of(RatingScheme.Grades).ToHashSet(), levels);
    }
}
