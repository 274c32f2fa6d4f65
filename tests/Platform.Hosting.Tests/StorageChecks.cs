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

    /// <summary>The reminder table versions every upsert, deletes a row only at its current ETag, and reads a grain's rows
    /// by both kinds of ring range: (begin, end] and, when begin ≥ end, the range that wraps past the end of the ring.</summary>
    /// <param name="startAt">As precise as the mode stores it.</param>
    /// <returns>The ETag the deleted row last had.</returns>
    public static async Task<string> The_reminder_table_versions_upserts_rejects_stale_deletes_and_reads_both_kinds_of_hash_range(EmbeddedSilo silo, DateTime startAt)
    {
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("reminder-test", "table");
        var entry = new ReminderEntry { GrainId = grainId, ReminderName = "stage", StartAt = startAt, Period = TimeSpan.FromMinutes(1) };

        var first = await table.UpsertRow(entry);
        var second = await table.UpsertRow(entry);
        Assert.NotEqual(first, second);

        var read = await table.ReadRow(grainId, "stage");
        Assert.NotNull(read);
        Assert.Equal((startAt, DateTimeKind.Utc, TimeSpan.FromMinutes(1), second), (read.StartAt, read.StartAt.Kind, read.Period, read.ETag));
        Assert.Single((await table.ReadRows(grainId)).Reminders);

        var hash = grainId.GetUniformHashCode();
        Assert.Single((await table.ReadRows(hash - 1, hash)).Reminders);
        Assert.Empty((await table.ReadRows(hash, hash + 1)).Reminders);
        Assert.Single((await table.ReadRows(hash + 1, hash)).Reminders);
        Assert.Empty((await table.ReadRows(hash, hash - 1)).Reminders);
        Assert.Single((await table.ReadRows(hash, hash)).Reminders);

        Assert.False(await table.RemoveRow(grainId, "stage", first!));
        Assert.True(await table.RemoveRow(grainId, "stage", second!));
        Assert.Null(await table.ReadRow(grainId, "stage"));
        return second!;
    }
}
