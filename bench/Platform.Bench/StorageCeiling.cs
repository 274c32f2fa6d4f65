using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Platform.Grains.Hierarchy;
using Platform.Contracts;
using Platform.Domain.Standing;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Contracts.Hierarchy;
using Platform.Grains.Persistence;

namespace Platform.Bench;

/// <summary>
/// The physical limit of a durable acknowledgement here: many grains' states written straight through the same
/// Orleans storage provider, configured as the platform configures it, with a branch-sized payload and nothing else.
/// </summary>
public static class StorageCeiling
{
    public static async Task<double> MeasureAsync(string folder, Assessment sample, int writers, TimeSpan duration)
    {
        using var host = await EmbeddedSilo.StartAsync(Path.Combine(folder, "ceiling.db"));
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);

        var writes = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            var states = new Dictionary<int, GrainState<NodeState>>();
            for (var i = 0; watch.Elapsed < duration; i = (i + 1) % 500)
            {
                var id = GrainId.Create("node", GrainKeys.Node("ceiling", string.Create(CultureInfo.InvariantCulture, $"{writer}-{i}")));
                if (!states.TryGetValue(i, out var state))
                {
                    states[i] = state = new GrainState<NodeState>();
                }

                state.State = new NodeState
                {
                    Definition = new NodeDefinition($"{writer}-{i}", NodeKind.Branch, "党支部", "9430102001", Members: 20),
                    Standing = (state.State?.Standing ?? StandingAssessment.None) with { Current = sample, Revision = state.State?.Standing.Revision + 1 ?? 1 },
                    OwnVersion = state.State?.OwnVersion + 1 ?? 1,
                };
                await storage.WriteStateAsync(StorageNames.Node, id, state);
                Interlocked.Increment(ref writes);
            }
        }));
        var perSecond = writes / watch.Elapsed.TotalSeconds;
        await host.StopAsync();
        return perSecond;
    }
}
