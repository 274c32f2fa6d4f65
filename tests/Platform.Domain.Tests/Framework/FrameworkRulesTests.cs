using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;

namespace Platform.Domain.Tests.Framework;

public class FrameworkRulesTests
{
    private static readonly FrameworkVersion Stars = Frameworks.Stars;
    private static readonly FrameworkVersion Grades = Frameworks.Grades;

    private static string[] Fields(IReadOnlyList<FieldError> errors) => errors.Select(e => e.Field).ToArray();

    /// <summary>The framework with one indicator replaced.</summary>
    private static FrameworkVersion WithIndicator(FrameworkVersion framework, int dimension, int indicator, Func<Indicator, Indicator> change)
    {
        var dimensions = framework.Dimensions.ToList();
        var indicators = dimensions[dimension].Indicators.ToList();
        indicators[indicator] = change(indicators[indicator]);
        dimensions[dimension] = dimensions[dimension] with { Indicators = indicators };
        return framework with { Dimensions = dimensions };
    }

    [Fact]
    public void Default_stars_framework_is_valid() => Assert.Empty(FrameworkRules.Validate(Stars));

    [Fact]
    public void Default_grades_framework_is_valid() => Assert.Empty(FrameworkRules.Validate(Grades));

    [Fact]
    public void Default_frameworks_add_up_to_15_30_25_15_15_plus_bonus()
    {
        Assert.Equal(
            new[] { (Dimension.Setup, 15m), (Dimension.OrganisationalLife, 30m), (Dimension.Management, 25m), (Dimension.Institutions, 15m), (Dimension.Facilities, 15m), (Dimension.Bonus, 13m) },
            Stars.Dimensions.Select(d => (d.Id, d.Max)));
        Assert.Equal(Stars.Dimensions, Grades.Dimensions);
    }

    [Fact]
    public void Five_dimensions_not_adding_up_to_100_are_rejected()
    {
        var errors = FrameworkRules.Validate(WithIndicator(Stars, 0, 0, i => i with { Max = 4m }));

        var error = Assert.Single(errors);
        Assert.Equal("dimensions", error.Field);
        Assert.Contains("101", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bonus_indicators_do_not_count_towards_the_100()
    {
        var framework = WithIndicator(Stars, 5, 0, i => i with { Max = 9m });

        Assert.Empty(FrameworkRules.Validate(framework));
    }

    [Fact]
    public void Duplicate_indicator_id_is_rejected_naming_the_second_occurrence()
    {
        var errors = FrameworkRules.Validate(WithIndicator(Stars, 2, 3, i => i with { Id = "1.1" }));

        var error = Assert.Single(errors);
        Assert.Equal("dimensions[2].indicators[3].id", error.Field);
        Assert.Contains("1.1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Dimension.Setup, "setup")]
    [InlineData(Dimension.Facilities, "facilities")]
    public void Missing_dimension_is_rejected_naming_it(Dimension missing, string apiName)
    {
        var framework = Stars with { Dimensions = Stars.Dimensions.Where(d => d.Id != missing).ToList() };

        var errors = FrameworkRules.Validate(framework);

        var error = Assert.Single(errors, e => e.Field == "dimensions");
        Assert.Contains(apiName, error.Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.True(e.Field is "dimensions" or "bands[2].gates" or "bands[3].gates" or "bands[4].gates", e.ToString()));
    }

    [Fact]
    public void Missing_setup_dimension_also_invalidates_the_gates_that_name_it()
    {
        var framework = Stars with { Dimensions = Stars.Dimensions.Where(d => d.Id != Dimension.Setup).ToList() };

        Assert.Equal(["dimensions", "bands[2].gates", "bands[3].gates", "bands[4].gates"], Fields(FrameworkRules.Validate(framework)));
    }

    [Fact]
    public void Missing_bonus_dimension_is_allowed()
    {
        var framework = Stars with { Dimensions = Stars.Dimensions.Where(d => d.Id != Dimension.Bonus).ToList() };

        Assert.Empty(FrameworkRules.Validate(framework));
    }

    [Fact]
    public void Dimension_listed_twice_is_rejected()
    {
        var framework = Stars with { Dimensions = [.. Stars.Dimensions, Stars.Dimensions[5] with { Indicators = [new("7.1", "额外", 1m, IndicatorRule.Checked)] }] };

        Assert.Equal(["dimensions"], Fields(FrameworkRules.Validate(framework)));
    }

    [Fact]
    public void Dimension_without_indicators_is_rejected()
    {
        var framework = Stars with { Dimensions = [.. Stars.Dimensions.Take(5), Stars.Dimensions[5] with { Indicators = [] }] };

        Assert.Equal(["dimensions[5].indicators"], Fields(FrameworkRules.Validate(framework)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("100.01")]
    [InlineData("2.005")]
    public void Indicator_maximum_out_of_range_or_too_precise_is_rejected(string max)
    {
        var framework = WithIndicator(Stars, 5, 1, i => i with { Max = decimal.Parse(max, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(["dimensions[5].indicators[1].max"], Fields(FrameworkRules.Validate(framework)));
    }

    [Fact]
    public void Indicator_without_a_name_is_rejected() =>
        Assert.Equal(["dimensions[1].indicators[0].name"], Fields(FrameworkRules.Validate(WithIndicator(Stars, 1, 0, i => i with { Name = " " }))));

    [Fact]
    public void Indicator_id_longer_than_20_characters_is_rejected() =>
        Assert.Equal(["dimensions[4].indicators[2].id"], Fields(FrameworkRules.Validate(WithIndicator(Stars, 4, 2, i => i with { Id = new string('x', 21) }))));

    [Fact]
    public void Framework_without_a_name_is_rejected() =>
        Assert.Equal(["name"], Fields(FrameworkRules.Validate(Stars with { Name = "" })));

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void Bonus_cap_outside_0_to_20_is_rejected(int cap) =>
        Assert.Equal(["bonusCap"], Fields(FrameworkRules.Validate(Stars with { BonusCap = cap })));

    [Fact]
    public void Bands_not_in_scheme_order_are_rejected()
    {
        var bands = Stars.Bands.ToList();
        (bands[3], bands[4]) = (bands[4], bands[3]);

        var error = Assert.Single(FrameworkRules.Validate(Stars with { Bands = bands }));

        Assert.Equal("bands", error.Field);
        Assert.Contains("star1, star2, star3, star4, star5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bands_missing_a_level_are_rejected() =>
        Assert.Equal(["bands"], Fields(FrameworkRules.Validate(Stars with { Bands = Stars.Bands.Take(4).ToList() })));

    [Fact]
    public void Bands_of_the_other_scheme_are_rejected() =>
        Assert.Equal(["bands"], Fields(FrameworkRules.Validate(Stars with { Bands = Grades.Bands })));

    [Fact]
    public void Lowest_band_must_start_at_zero()
    {
        var bands = Stars.Bands.ToList();
        bands[0] = bands[0] with { MinScore = 10m };

        Assert.Equal(["bands[0].minScore"], Fields(FrameworkRules.Validate(Stars with { Bands = bands })));
    }

    [Fact]
    public void Band_minimum_not_above_the_band_below_is_rejected()
    {
        var bands = Stars.Bands.ToList();
        bands[3] = bands[3] with { MinScore = 70m };

        Assert.Equal(["bands[3].minScore"], Fields(FrameworkRules.Validate(Stars with { Bands = bands })));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.01")]
    public void Gate_share_outside_0_to_1_is_rejected(string share)
    {
        var bands = Stars.Bands.ToList();
        bands[2] = bands[2] with { Gates = [new(Dimension.Setup, decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), "x")] };

        Assert.Equal(["bands[2].gates"], Fields(FrameworkRules.Validate(Stars with { Bands = bands })));
    }

    [Fact]
    public void Gate_on_a_dimension_the_version_lacks_is_rejected()
    {
        var bands = Stars.Bands.ToList();
        bands[4] = bands[4] with { Gates = [new(Dimension.Bonus, 0.5m, "需有加分")] };
        var framework = Stars with { Dimensions = Stars.Dimensions.Where(d => d.Id != Dimension.Bonus).ToList(), Bands = bands };

        Assert.Equal(["bands[4].gates"], Fields(FrameworkRules.Validate(framework)));
    }

    [Fact]
    public void Veto_cap_from_the_other_scheme_is_rejected_naming_the_veto()
    {
        var vetoes = Stars.Vetoes.ToList();
        vetoes[2] = vetoes[2] with { Cap = RatingLevel.Unqualified };

        Assert.Equal(["vetoes[2].cap"], Fields(FrameworkRules.Validate(Stars with { Vetoes = vetoes })));
    }

    [Fact]
    public void Grades_veto_capped_in_stars_is_rejected()
    {
        var vetoes = Grades.Vetoes.ToList();
        vetoes[0] = vetoes[0] with { Cap = RatingLevel.Star2 };

        Assert.Equal(["vetoes[0].cap"], Fields(FrameworkRules.Validate(Grades with { Vetoes = vetoes })));
    }

    [Fact]
    public void Duplicate_veto_id_is_rejected_naming_the_second_occurrence() =>
        Assert.Equal(["vetoes[5].id"], Fields(FrameworkRules.Validate(Stars with { Vetoes = [.. Stars.Vetoes, Stars.Vetoes[0]] })));

    [Fact]
    public void Veto_without_a_name_is_rejected() =>
        Assert.Equal(["vetoes[0].name"], Fields(FrameworkRules.Validate(Stars with { Vetoes = [Stars.Vetoes[0] with { Name = "" }] })));

    [Theory]
    [InlineData(RatingScheme.Stars, RatingLevel.Qualified)]
    [InlineData(RatingScheme.Grades, RatingLevel.Star2)]
    public void Pass_level_from_the_other_scheme_is_rejected(RatingScheme scheme, RatingLevel passLevel)
    {
        var framework = (scheme == RatingScheme.Stars ? Stars : Grades) with { PassLevel = passLevel };

        Assert.Equal(["passLevel"], Fields(FrameworkRules.Validate(framework)));
    }

    [Fact]
    public void More_than_200_indicators_are_rejected()
    {
        var many = Enumerable.Range(0, FrameworkRules.MaxIndicators).Select(n => new Indicator($"b{n}", "加分", 1m, IndicatorRule.Checked)).ToList();
        var framework = Stars with { Dimensions = [.. Stars.Dimensions.Take(5), Stars.Dimensions[5] with { Indicators = many }] };

        Assert.Equal(["dimensions"], Fields(FrameworkRules.Validate(framework)));
    }

    [Fact]
    public void A_top_band_no_score_can_reach_is_rejected()
    {
        var bands = Stars.Bands.ToList();
        bands[4] = bands[4] with { MinScore = 110.01m };

        var error = Assert.Single(FrameworkRules.Validate(Stars with { Bands = bands }));
        Assert.Equal("bands[4].minScore", error.Field);
        Assert.Contains("110", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_band_reachable_only_with_the_full_bonus_is_accepted()
    {
        var bands = Stars.Bands.ToList();
        bands[4] = bands[4] with { MinScore = 110m };

        Assert.Empty(FrameworkRules.Validate(Stars with { Bands = bands }));
    }

    [Fact]
    public void Without_bonus_indicators_the_bonus_cap_reaches_nothing()
    {
        var bands = Stars.Bands.ToList();
        bands[4] = bands[4] with { MinScore = 105m };
        var framework = Stars with { Dimensions = Stars.Dimensions.Where(d => d.Id != Dimension.Bonus).ToList(), Bands = bands };

        Assert.Equal(["bands[4].minScore"], Fields(FrameworkRules.Validate(framework)));
        Assert.Equal(100m, FrameworkRules.HighestReachableTotal(framework));
    }

    [Fact]
    public void A_bonus_indicator_above_the_bonus_cap_is_rejected()
    {
        var error = Assert.Single(FrameworkRules.Validate(WithIndicator(Stars, 5, 0, i => i with { Max = 10.5m })));

        Assert.Equal("dimensions[5].indicators[0].max", error.Field);
        Assert.Contains("bonusCap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_bonus_cap_of_zero_no_bonus_indicator_can_count()
    {
        var errors = FrameworkRules.Validate(Stars with { BonusCap = 0m });

        Assert.Equal(["dimensions[5].indicators[0].max", "dimensions[5].indicators[1].max", "dimensions[5].indicators[2].max", "dimensions[5].indicators[3].max"], Fields(errors));
    }

    [Fact]
    public void A_bonus_cap_with_more_than_two_decimals_is_rejected() =>
        Assert.Equal(["bonusCap"], Fields(FrameworkRules.Validate(Stars with { BonusCap = 9.999m })));

    [Fact]
    public void A_version_in_the_other_scheme_than_the_tenants_is_rejected()
    {
        Assert.Equal(["ratingScheme"], Fields(FrameworkRules.Validate(Grades, tenantScheme: RatingScheme.Stars)));
        Assert.Empty(FrameworkRules.Validate(Grades, tenantScheme: RatingScheme.Grades));
    }

    [Fact]
    public void A_band_that_drops_a_gate_of_the_band_below_is_rejected()
    {
        // 4★ without the 支部设置 gate of 3★: a branch failing that gate would skip 3★ and land on 4★.
        var bands = Stars.Bands.ToList();
        bands[3] = bands[3] with { Gates = [] };

        var error = Assert.Single(FrameworkRules.Validate(Stars with { Bands = bands }));
        Assert.Equal("bands[3].gates", error.Field);
        Assert.Contains("setup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_band_that_lowers_a_gate_of_the_band_below_is_rejected()
    {
        var bands = Stars.Bands.ToList();
        bands[4] = bands[4] with { Gates = [new(Dimension.Setup, 0.5m, "支部设置达到满分的50%"), bands[4].Gates[1]] };

        Assert.Equal(["bands[4].gates"], Fields(FrameworkRules.Validate(Stars with { Bands = bands })));
    }

    [Fact]
    public void A_gate_on_the_lowest_band_changes_nothing_and_is_rejected()
    {
        var bands = Stars.Bands.ToList();
        bands[0] = bands[0] with { Gates = [new(Dimension.Setup, 0.6m, "x")] };

        Assert.Equal(["bands[0].gates"], Fields(FrameworkRules.Validate(Stars with { Bands = bands })));
    }

    [Fact]
    public void A_dimension_gated_twice_in_one_band_is_rejected()
    {
        var bands = Stars.Bands.ToList();
        bands[4] = bands[4] with { Gates = [.. bands[4].Gates, new(Dimension.Setup, 0.9m, "x")] };

        Assert.Equal(["bands[4].gates[2].dimension"], Fields(FrameworkRules.Validate(Stars with { Bands = bands })));
    }

    [Theory]
    [InlineData(RatingScheme.Stars)]
    [InlineData(RatingScheme.Grades)]
    public void The_lowest_level_as_pass_level_would_make_every_branch_compliant_and_is_rejected(RatingScheme scheme)
    {
        var framework = scheme == RatingScheme.Stars ? Stars : Grades;

        Assert.Equal(["passLevel"], Fields(FrameworkRules.Validate(framework with { PassLevel = RatingLevels.Lowest(scheme) })));
    }

    [Theory]
    [InlineData(RatingScheme.Stars, RatingLevel.Star5)]
    [InlineData(RatingScheme.Grades, RatingLevel.Model)]
    public void A_veto_capped_at_the_top_level_caps_nothing_and_is_rejected(RatingScheme scheme, RatingLevel top)
    {
        var framework = scheme == RatingScheme.Stars ? Stars : Grades;
        var vetoes = framework.Vetoes.ToList();
        vetoes[1] = vetoes[1] with { Cap = top };

        Assert.Equal(["vetoes[1].cap"], Fields(FrameworkRules.Validate(framework with { Vetoes = vetoes })));
    }

    [Theory]
    [InlineData("1.1\u0000")]
    [InlineData("' OR '1'='1")]
    [InlineData("1 1")]
    [InlineData(".1")]
    public void An_indicator_id_that_cannot_be_a_key_is_rejected(string id) =>
        Assert.Equal(["dimensions[0].indicators[0].id"], Fields(FrameworkRules.Validate(WithIndicator(Stars, 0, 0, i => i with { Id = id }))));

    [Theory]
    [InlineData("name")]
    [InlineData("dimension")]
    [InlineData("indicator")]
    [InlineData("veto")]
    [InlineData("gate")]
    public void Text_with_control_or_invisible_characters_is_rejected_wherever_it_is(string where)
    {
        const string hostile = "名\u202E称\u0007";
        var bands = Stars.Bands.ToList();
        bands[2] = bands[2] with { Gates = [bands[2].Gates[0] with { Description = hostile }] };
        var dimensions = Stars.Dimensions.ToList();
        dimensions[1] = dimensions[1] with { Name = hostile };
        var (framework, field) = where switch
        {
            "name" => (Stars with { Name = hostile }, "name"),
            "dimension" => (Stars with { Dimensions = dimensions }, "dimensions[1].name"),
            "indicator" => (WithIndicator(Stars, 2, 1, i => i with { Name = hostile }), "dimensions[2].indicators[1].name"),
            "veto" => (Stars with { Vetoes = [Stars.Vetoes[0] with { Name = hostile }] }, "vetoes[0].name"),
            _ => (Stars with { Bands = bands }, "bands[2].gates[0].description"),
        };

        var error = Assert.Single(FrameworkRules.Validate(framework));
        Assert.Equal(field, error.Field);
        Assert.Contains("U+202E", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_longer_than_its_limit_is_rejected()
    {
        Assert.Equal(["name"], Fields(FrameworkRules.Validate(Stars with { Name = new string('版', FrameworkRules.MaxNameLength + 1) })));
        Assert.Equal(["dimensions[0].indicators[0].name"],
            Fields(FrameworkRules.Validate(WithIndicator(Stars, 0, 0, i => i with { Name = new string('项', FrameworkRules.MaxItemTextLength + 1) }))));
    }
}
