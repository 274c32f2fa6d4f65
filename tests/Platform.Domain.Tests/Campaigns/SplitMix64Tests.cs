using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public class SplitMix64Tests
{
    /// <summary>The reference outputs of SplitMix64 for seeds 0 and 1234567. Draws are replayed from their seed, so the generator
    /// may never drift from its definition.</summary>
    [Theory]
    [InlineData(0UL, 16294208416658607535UL, 7960286522194355700UL, 487617019471545679UL)]
    [InlineData(1234567UL, 6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL)]
    public void Outputs_match_the_published_definition(ulong seed, ulong first, ulong second, ulong third)
    {
        var random = new SplitMix64(seed);

        Assert.Equal([first, second, third], [random.Next(), random.Next(), random.Next()]);
    }

    [Fact]
    public void Named_streams_of_one_seed_differ_and_replay()
    {
        Assert.Equal(SplitMix64.For(7, "sample:A").Next(), SplitMix64.For(7, "sample:A").Next());
        Assert.NotEqual(SplitMix64.For(7, "sample:A").Next(), SplitMix64.For(7, "sample:B").Next());
        Assert.NotEqual(SplitMix64.For(7, "sample:A").Next(), SplitMix64.For(8, "sample:A").Next());
    }

    [Fact]
    public void Below_stays_in_range_and_hits_every_value_about_equally()
    {
        var random = new SplitMix64(42);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[random.Below(7)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Fact]
    public void ShuffleFront_keeps_every_item_exactly_once()
    {
        var random = new SplitMix64(3);
        for (var n = 0; n < 20; n++)
        {
            for (var count = 0; count <= n; count++)
            {
                var items = Enumerable.Range(0, n).ToList();
                random.ShuffleFront(items, count);

                Assert.Equal(Enumerable.Range(0, n), items.Order());
            }
        }
    }

    [Fact]
    public void ShuffleFront_picks_every_pair_of_five_about_equally()
    {
        var random = new SplitMix64(11);
        var counts = new Dictionary<(int, int), int>();
        for (var i = 0; i < 10_000; i++)
        {
            var items = Enumerable.Range(0, 5).ToList();
            random.ShuffleFront(items, 2);
            var pair = (Math.Min(items[0], items[1]), Math.Max(items[0], items[1]));
            counts[pair] = counts.GetValueOrDefault(pair) + 1;
        }

        Assert.Equal(10, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 850, 1_150));
    }
}
