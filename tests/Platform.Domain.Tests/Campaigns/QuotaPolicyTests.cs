using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;

namespace Platform.Domain.Tests.Campaigns;

public class QuotaPolicyTests
{
    private static string[] Fields(IReadOnlyList<FieldError> errors) => errors.Select(e => e.Field).ToArray();

    [Fact]
    public void None_caps_nothing_and_is_valid_for_both_schemes()
    {
        Assert.Empty(QuotaPolicy.None.Quotas);
        Assert.Empty(QuotaPolicy.None.Validate(RatingScheme.Stars, "quota"));
        Assert.Empty(QuotaPolicy.None.Validate(RatingScheme.Grades, "quota"));
    }

    [Theory]
    [InlineData(NodeKind.Province)]
    [InlineData(NodeKind.City)]
    [InlineData(NodeKind.County)]
    public void Quotas_on_every_level_but_the_lowest_are_valid_in_any_region_level(NodeKind region)
    {
        var policy = new QuotaPolicy(region, [new(RatingLevel.Star5, 0.1m), new(RatingLevel.Star4, 0.4m), new(RatingLevel.Star3, 1m), new(RatingLevel.Star2, 0m)]);

        Assert.Empty(policy.Validate(RatingScheme.Stars, "quota"));
    }

    [Theory]
    [InlineData(NodeKind.School)]
    [InlineData(NodeKind.Branch)]
    [InlineData((NodeKind)42)]
    public void Quota_regions_below_a_county_are_rejected(NodeKind region) =>
        Assert.Equal(["quota.regionLevel"], Fields(new QuotaPolicy(region, []).Validate(RatingScheme.Stars, "quota")));

    [Fact]
    public void A_level_of_the_other_scheme_is_rejected() =>
        Assert.Equal(
            ["quotas[0].level"],
            Fields(new QuotaPolicy(NodeKind.City, [new(RatingLevel.Model, 0.1m)]).Validate(RatingScheme.Stars, "")));

    [Theory]
    [InlineData(RatingScheme.Stars, RatingLevel.Star1)]
    [InlineData(RatingScheme.Grades, RatingLevel.Unqualified)]
    public void The_lowest_level_cannot_be_capped_because_it_takes_everyone_squeezed_out(RatingScheme scheme, RatingLevel lowest)
    {
        var error = Assert.Single(new QuotaPolicy(NodeKind.City, [new(lowest, 0.5m)]).Validate(scheme, "quota"));

        Assert.Equal("quota.quotas[0].level", error.Field);
        Assert.Contains("lowest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_capped_twice_is_rejected_at_its_second_quota()
    {
        var policy = new QuotaPolicy(NodeKind.County, [new(RatingLevel.Excellent, 0.3m), new(RatingLevel.Model, 0.1m), new(RatingLevel.Excellent, 0.2m)]);

        Assert.Equal(["quota.quotas[2].level"], Fields(policy.Validate(RatingScheme.Grades, "quota")));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void Shares_outside_0_to_1_are_rejected(decimal share) =>
        Assert.Equal(
            ["quota.quotas[0].maxShare"],
            Fields(new QuotaPolicy(NodeKind.City, [new(RatingLevel.Star5, share)]).Validate(RatingScheme.Stars, "quota")));

    [Theory]
    [InlineData(0.3, 10, 3)]
    [InlineData(0.3, 9, 2)]
    [InlineData(0.3, 3, 0)]
    [InlineData(0.1, 0, 0)]
    [InlineData(1, 7, 7)]
    [InlineData(0, 100, 0)]
    public void Seats_are_the_share_of_rated_branches_rounded_down(decimal share, int rated, int seats) =>
        Assert.Equal(seats, new RatingQuota(RatingLevel.Star5, share).Seats(rated));
}
