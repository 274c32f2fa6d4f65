using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Platform.Contracts;
using Platform.Grains.Hierarchy;
using Platform.Grains.Persistence;

namespace Platform.Hosting.Tests;

/// <summary>What every storage mode's grain storage must do, run against a silo on that mode.</summary>
internal static class StorageChecks
{
    /// <summary>A write with an old ETag, or none for a grain that has state, is refused, and the state stays.</summary>
    public static async Task A_stale_write_is_rejected_and_the_stored_state_is_kept(EmbeddedSilo silo)
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var id = GrainId.Create("node", GrainKeys.Node("hunan", "430000"));

        var first = new GrainState<NodeState> { State = new NodeState { OwnVersion = 1 } };
        await storage.WriteStateAsync(StorageNames.Node, id, first);
        var stale = new GrainState<NodeState> { State = new NodeState { OwnVersion = 99 }, ETag = first.ETag };
        await storage.WriteStateAsync(StorageNames.Node, id, new GrainState<NodeState> { State = new NodeState { OwnVersion = 2 }, ETag = first.ETag });

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageNames.Node, id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(StorageNames.Node, id, new GrainState<NodeState> { State = new NodeState { OwnVersion = 77 } }));

        var read = new GrainState<NodeState>();
        await storage.ReadStateAsync(StorageNames.Node, id, read);
        Assert.Equal((2, "2"), (read.State!.OwnVersion, read.ETag));
    }
}
