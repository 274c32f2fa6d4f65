using Platform.Domain.Framework;
using Platform.Domain.Rollups;

namespace Platform.Domain.Tests.Rollups;

public class DimensionTotalsTests
{
    [Fact]
    public void With_and_indexer_address_the_same_dimension()
    {
        foreach (var dimension in Dimensions.All)
        {
            var totals = DimensionTotals.Zero.With(dimension, 7.25m);

            Assert.All(Dimensions.All, other => Assert.Equal(other == dimension ? 7.25m : 0m, totals[other]));
        }
    }

    [Fact]
    public void Sum_includes_the_bonus() =>
        Assert.Equal(110m, new DimensionTotals(15m, 30m, 25m, 15m, 15m, 10m).Sum);

    [Fact]
    public void Addition_and_subtraction_are_exact_per_dimension()
    {
        var a = new DimensionTotals(1.1m, 2.2m, 3.3m, 4.4m, 5.5m, 6.6m);
        var b = new DimensionTotals(0.01m, 0.02m, 0.03m, 0.04m, 0.05m, 0.06m);

        Assert.Equal(new DimensionTotals(1.11m, 2.22m, 3.33m, 4.44m, 5.55m, 6.66m), a + b);
        Assert.Equal(new DimensionTotals(1.09m, 2.18m, 3.27m, 4.36m, 5.45m, 6.54m), a - b);
        Assert.Equal(a, a + b - b);
    }
}
