using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public class PublicityPeriodTests
{
    private static readonly DateTimeOffset Began = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Results_can_be_final_once_the_minimum_days_have_passed_and_not_a_moment_before()
    {
        Assert.NotNull(PublicityPeriod.TooEarly(Began, 5, Began.AddDays(5).AddTicks(-1)));
        Assert.Null(PublicityPeriod.TooEarly(Began, 5, Began.AddDays(5)));
        Assert.Null(PublicityPeriod.TooEarly(Began, 0, Began));
    }

    [Fact]
    public void The_refusal_says_when_publicity_began_and_from_when_results_can_be_final()
    {
        var detail = PublicityPeriod.TooEarly(Began, 5, Began.AddDays(1))!;

        Assert.Contains("publicity (公示) began at 2026-12-01 08:00:00Z", detail);
        Assert.Contains("results can be final from 2026-12-06 08:00:00Z", detail);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void A_tenant_may_set_between_0_and_30_days(int days, bool allowed) =>
        Assert.Equal(allowed, PublicityPeriod.Problem(days) is null);
}
