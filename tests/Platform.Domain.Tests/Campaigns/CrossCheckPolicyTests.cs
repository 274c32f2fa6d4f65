using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public class CrossCheckPolicyTests
{
    [Fact]
    public void Default_samples_one_in_ten_at_least_one_per_city_and_cascades()
    {
        Assert.Equal(new CrossCheckPolicy(0.10m, 1, true), CrossCheckPolicy.Default);
        Assert.Empty(CrossCheckPolicy.Default.Validate("crossCheck"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(0.0001)]
    [InlineData(0.3333)]
    public void Rates_from_0_to_1_with_up_to_4_decimals_are_valid(decimal rate) =>
        Assert.Empty(new CrossCheckPolicy(rate, 1, false).Validate(""));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0001)]
    [InlineData(0.33333)]
    public void Rates_outside_0_to_1_or_finer_than_4_decimals_are_rejected(decimal rate)
    {
        var error = Assert.Single(new CrossCheckPolicy(rate, 1, false).Validate("crossCheck"));

        Assert.Equal("crossCheck.sampleRate", error.Field);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void Minimum_per_city_must_be_between_0_and_1000(int minimum, bool valid)
    {
        var errors = new CrossCheckPolicy(0.1m, minimum, true).Validate("");

        Assert.Equal(valid ? [] : ["minimumPerCity"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(0, 0.1, 1, 0)]
    [InlineData(10, 0, 5, 0)]
    [InlineData(100, 0.1, 1, 10)]
    [InlineData(101, 0.1, 1, 11)]
    [InlineData(3, 0.1, 1, 1)]
    [InlineData(3, 0.1, 0, 1)]
    [InlineData(40, 0.1, 5, 5)]
    [InlineData(3, 0.1, 5, 3)]
    [InlineData(7, 1, 0, 7)]
    [InlineData(9, 0.3333, 1, 3)]
    public void Sample_size_is_the_rate_rounded_up_but_at_least_the_minimum_and_at_most_everyone(int candidates, decimal rate, int minimum, int expected) =>
        Assert.Equal(expected, CrossCheckDraw.SampleSize(candidates, new CrossCheckPolicy(rate, minimum, true)));
}
