using Platform.Contracts;
using Platform.Gateway.Imports;

namespace Platform.Gateway.Tests.Imports;

public sealed class TransientRetryTests
{
    [Fact]
    public async Task A_fault_that_passes_is_tried_again_and_the_answer_is_the_commands()
    {
        var tries = 0;
        var (outcome, fault) = await TransientRetry.RunAsync(
            () => ++tries < 3 ? throw new TimeoutException("storage") : Task.FromResult(Outcome<int>.Ok(7)),
            o => o.Failure == Failure.Unavailable, (_, _) => { }, TimeProvider.System, CancellationToken.None);

        Assert.Equal((3, 7, null), (tries, outcome!.Value, fault));
    }

    [Fact]
    public async Task An_answer_that_says_the_platform_is_stopping_is_tried_again()
    {
        var tries = 0;
        var (outcome, _) = await TransientRetry.RunAsync(
            () => Task.FromResult(++tries == 1 ? Outcome<int>.Fail(Failure.Unavailable, "stopping") : Outcome<int>.Ok(1)),
            o => o.Failure == Failure.Unavailable, (_, _) => { }, TimeProvider.System, CancellationToken.None);

        Assert.Equal((2, true), (tries, outcome!.Succeeded));
    }

    [Fact]
    public async Task A_refusal_is_not_tried_again()
    {
        var tries = 0;
        var (outcome, _) = await TransientRetry.RunAsync(
            () => { tries++; return Task.FromResult(Outcome<int>.Invalid("parentCode", "no such parent")); },
            o => o.Failure == Failure.Unavailable, (_, _) => { }, TimeProvider.System, CancellationToken.None);

        Assert.Equal((1, Failure.Invalid), (tries, outcome!.Failure));
    }

    [Fact]
    public async Task A_fault_that_outlasts_every_try_is_handed_back_after_the_last()
    {
        var tries = 0;
        var (outcome, fault) = await TransientRetry.RunAsync<int>(
            () => { tries++; throw new TimeoutException("storage"); },
            o => o.Failure == Failure.Unavailable, (_, _) => { }, TimeProvider.System, CancellationToken.None);

        Assert.Equal((TransientRetry.Attempts, null), (tries, outcome));
        Assert.IsType<TimeoutException>(fault);
    }
}
