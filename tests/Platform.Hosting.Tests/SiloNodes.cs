using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;

namespace Platform.Hosting.Tests;

/// <summary>The nodes of the tests' one tenant ("hunan") on a silo, whatever it stores them in.</summary>
internal static class SiloNodes
{
    public static INodeGrain Node(EmbeddedSilo silo, string code) => silo.Grains.GetGrain<INodeGrain>(GrainKeys.Node("hunan", code));

    public static async Task DefineAsync(EmbeddedSilo silo, NodeDefinition definition)
    {
        var outcome = await Node(silo, definition.Code).Define(definition);
        Assert.True(outcome.Succeeded, outcome.Detail);
    }

    /// <summary>Waits up to 10 s for the node's rollup to meet <paramref name="condition"/>: rollups are eventually exact.</summary>
    public static async Task WaitForAsync(EmbeddedSilo silo, string code, Func<Summary, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition((await Node(silo, code).GetSummary())!.Summary))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{code} did not reach the expected rollup in time");
            await Task.Delay(25);
        }
    }
}
