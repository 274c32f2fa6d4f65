using Orleans.Runtime;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Tests.Infrastructure;

public sealed class ProblemExceptionHandlerTests
{
    private const int Unavailable = 503;
    private const int InternalError = 500;

    [Fact]
    public void A_grain_that_no_silo_can_take_while_the_cluster_restarts_is_a_retryable_503_not_a_500()
    {
        // What a silo's placement throws when every silo of the cluster is stopping (seen in WholeClusterRestartTests).
        var noSilo = new OrleansException(
            "No active nodes are compatible with grain node and interface INodeGrain version 0. Known nodes with grain type: none. All known nodes compatible with interface version: none");

        var (status, _, detail) = ProblemExceptionHandler.Classify(noSilo);

        Assert.Equal(Unavailable, status);
        Assert.Contains("retry", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_of_the_platform_s_own_code_stays_a_500() =>
        Assert.Equal(InternalError, ProblemExceptionHandler.Classify(new InvalidOperationException("a bug")).Status);
}
