using Platform.Contracts;
using Platform.Contracts.Startup;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Startup;

[Collection(ClusterCollection.Name)]
public sealed class FirstStartGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private IFirstStartGrain NewJob() => fixture.Grains.GetGrain<IFirstStartGrain>(GrainKeys.FirstStart(Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task While_one_holder_renews_its_claim_nobody_else_gets_it_and_once_done_nobody_claims_it_again()
    {
        var job = NewJob();
        Assert.True((await job.Claim("a", Long)).IsHeldBy("a"));
        var refused = await job.Claim("b", Long);
        Assert.False(refused.IsHeldBy("b"));
        Assert.Equal("a", refused.Holder);
        Assert.True((await job.Claim("a", Long)).IsHeldBy("a"));

        Assert.True(await job.Complete("a"));
        var done = await job.Claim("b", Long);
        Assert.True(done.Done);
        Assert.False(done.IsHeldBy("b"));
        Assert.True((await job.Status()).Done);
    }

    [Fact]
    public async Task A_holder_that_stops_renewing_loses_the_claim_to_another_and_can_no_longer_complete_it()
    {
        var job = NewJob();
        // Real time (the test cluster's clock): a lease long enough that a loaded machine still asks within it.
        var lease = TimeSpan.FromSeconds(3);
        Assert.True((await job.Claim("crashed", lease)).IsHeldBy("crashed"));
        Assert.False((await job.Claim("other", Long)).IsHeldBy("other"));

        await Task.Delay(lease + TimeSpan.FromMilliseconds(500));
        Assert.True((await job.Claim("other", Long)).IsHeldBy("other"));
        Assert.False(await job.Complete("crashed"));
        Assert.False((await job.Status()).Done);
        Assert.True(await job.Complete("other"));
        Assert.True((await job.Status()).Done);
    }

    [Fact]
    public async Task A_released_claim_is_free_at_once_and_only_its_holder_can_release_it()
    {
        var job = NewJob();
        await job.Claim("a", Long);
        await job.Release("b");
        Assert.Equal("a", (await job.Status()).Holder);

        await job.Release("a");
        Assert.True((await job.Claim("b", Long)).IsHeldBy("b"));
    }
}
