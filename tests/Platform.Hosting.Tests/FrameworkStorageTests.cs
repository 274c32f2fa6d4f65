using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Contracts.Framework;
using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;
using Platform.Grains.Framework;
using Platform.Grains.Persistence;

namespace Platform.Hosting.Tests;

/// <summary>Framework versions in SQLite: one record per version, and a list that stays small.</summary>
public sealed class FrameworkStorageTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    [Fact]
    public async Task Publishing_writes_the_new_version_alone_and_the_list_stays_a_few_bytes_a_version()
    {
        await using var silo = await EmbeddedSilo.StartAsync(_database.Path);

        // Storage is what is tested here, not who may write: the writes run as the platform's own work.
        using var platform = CallerContext.As(Caller.System("hunan", "test"));
        Assert.True((await silo.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("hunan")).Upsert("湖南", RatingScheme.Stars, expectedRevision: null)).Succeeded);
        var framework = silo.Grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework("hunan"));
        for (var version = 1; version < 6; version++)
        {
            var current = (await framework.GetCurrent())!;
            var large = current with { Dimensions = current.Dimensions.Select(d => d with { Indicators = d.Indicators.Select(i => i with { Name = new string('长', 200) }).ToList() }).ToList() };
            Assert.True((await framework.Publish(large, version)).Succeeded);
        }

        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var list = await ReadAsync<FrameworkState>(storage, StorageNames.Framework, GrainId.Create("framework", GrainKeys.Framework("hunan")));
        var listBytes = new Platform.Grains.Persistence.JsonGrainStorageSerializer().Serialize(list).ToArray().Length;
        var sixth = await ReadAsync<FrameworkVersionState>(storage, StorageNames.FrameworkVersion, GrainId.Create("frameworkversion", GrainKeys.FrameworkVersion("hunan", 6)));
        var versionBytes = new Platform.Grains.Persistence.JsonGrainStorageSerializer().Serialize(sixth).ToArray().Length;

        Assert.Equal([1, 2, 3, 4, 5, 6], list.Published.Select(v => v.Version));
        Assert.Empty(list.Versions);
        Assert.True(listBytes < 2_000 && listBytes * 10 < versionBytes, $"the list of six versions takes {listBytes} bytes, one version {versionBytes}");
        Assert.Equal(6, sixth.Version!.Version);
    }

    [Fact]
    public async Task Versions_stored_all_in_one_record_move_to_their_own_when_the_grain_activates()
    {
        await using var silo = await EmbeddedSilo.StartAsync(_database.Path);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var id = GrainId.Create("framework", GrainKeys.Framework("hunan"));
        var first = DefaultFrameworks.Create(RatingScheme.Stars, 1, new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero));
        var second = first with { Version = 2, Name = "2026年版", PublishedAt = first.PublishedAt.AddYears(1) };
        await storage.WriteStateAsync(StorageNames.Framework, id, new GrainState<FrameworkState> { State = new FrameworkState { Versions = [first, second] } });

        var framework = silo.Grains.GetGrain<IFrameworkGrain>(GrainKeys.Framework("hunan"));
        Assert.Equal("2026年版", (await framework.GetCurrent())!.Name);
        var read = (await framework.GetVersion(1))!;
        Assert.Equal((first.Version, first.Name, first.PublishedAt), (read.Version, read.Name, read.PublishedAt));
        Assert.Equal(first.Indicators.Select(i => (i.Id, i.Max)), read.Indicators.Select(i => (i.Id, i.Max)));
        Assert.Equal([new FrameworkVersionSummary(1, first.Name, RatingScheme.Stars, first.PublishedAt), FrameworkVersionSummary.Of(second)], await framework.ListVersions());

        var stored = await ReadAsync<FrameworkState>(storage, StorageNames.Framework, id);
        Assert.Empty(stored.Versions);
        Assert.Equal(2, stored.Published.Count);
        var own = await ReadAsync<FrameworkVersionState>(storage, StorageNames.FrameworkVersion, GrainId.Create("frameworkversion", GrainKeys.FrameworkVersion("hunan", 1)));
        Assert.Equal((first.Version, first.Name), (own.Version!.Version, own.Version.Name));
    }

    public void Dispose() => _database.Dispose();

    private static async Task<T> ReadAsync<T>(IGrainStorage storage, string stateName, GrainId id)
        where T : new()
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, id, state);
        return state.State ?? throw new InvalidOperationException($"nothing stored for {id}");
    }
}
