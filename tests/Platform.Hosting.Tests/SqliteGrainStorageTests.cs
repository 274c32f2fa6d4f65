using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Platform.Grains.Hierarchy;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Grains.Persistence;
using static Platform.Hosting.Tests.SiloNodes;

namespace Platform.Hosting.Tests;

/// <summary>The embedded store for real: the Orleans ADO.NET provider over a SQLite file, with the project's own scripts.</summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    [Fact]
    public async Task State_survives_a_silo_restart_and_rollups_are_exact_after_it()
    {
        var scores = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch).Indicators.ToDictionary(i => i.Id, i => i.Max);

        // Storage is what is tested here, not who may write: the writes run as the platform's own work.
        using var platform = CallerContext.As(Caller.System("hunan", "test"));
        await using (var silo = await EmbeddedSilo.StartAsync(_database.Path))
        {
            Assert.True((await silo.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("hunan")).Upsert("湖南", RatingScheme.Stars, expectedRevision: null)).Succeeded);
            await DefineAsync(silo, new("430000", NodeKind.Province, "湖南省", null));
            await DefineAsync(silo, new("430100", NodeKind.City, "长沙市", "430000"));
            await DefineAsync(silo, new("430102", NodeKind.County, "芙蓉区", "430100"));
            await DefineAsync(silo, new("9430102001", NodeKind.School, "芙蓉区第一小学", "430102", SchoolProfile.Default));
            await DefineAsync(silo, new("9430102001-01", NodeKind.Branch, "第一党支部", "9430102001", Members: 12));
            var assessed = await Node(silo, "9430102001-01").PutAssessment(AssessmentInput.FromScores(scores), null);
            Assert.Equal(RatingLevel.Star5, assessed.Value!.Assessment.Rating);
            await WaitForAsync(silo, "430000", s => s.Assessed == 1);
        }

        await using (var silo = await EmbeddedSilo.StartAsync(_database.Path))
        {
            var assessment = await Node(silo, "9430102001-01").GetAssessment();
            Assert.Equal(110m, assessment.Value!.Assessment.Total);
            Assert.Equal(1, assessment.Value.Revision);
            var root = (await Node(silo, "430000").GetSummary())!.Summary;
            Assert.Equal((1, 1, 1, 1, 12), (root.Organisations, root.Assessed, root.Ratings.Star5, root.CoveredSchools, root.Members));
            Assert.Equal("430000", (await silo.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("hunan")).Get())!.RootCode);

            // After the restart the hierarchy still rolls up: a second branch reaches the province.
            await DefineAsync(silo, new("9430102001-02", NodeKind.Branch, "第二党支部", "9430102001", Members: 8));
            await WaitForAsync(silo, "430000", s => s.Organisations == 2 && s.Members == 20);
        }
    }

    [Fact]
    public async Task A_stale_write_is_rejected_and_the_stored_state_is_kept()
    {
        await using var silo = await EmbeddedSilo.StartAsync(_database.Path);
        await StorageChecks.A_stale_write_is_rejected_and_the_stored_state_is_kept(silo);
    }

    [Fact]
    public async Task Codes_with_leading_zeros_are_distinct_grains_in_storage()
    {
        await using var silo = await EmbeddedSilo.StartAsync(_database.Path);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var padded = GrainId.Create("node", GrainKeys.Node("t", "020235"));
        var bare = GrainId.Create("node", GrainKeys.Node("t", "20235"));

        await storage.WriteStateAsync(StorageNames.Node, padded, new GrainState<NodeState> { State = new NodeState { OwnVersion = 1 } });
        await storage.WriteStateAsync(StorageNames.Node, bare, new GrainState<NodeState> { State = new NodeState { OwnVersion = 2 } });

        var readPadded = new GrainState<NodeState>();
        await storage.ReadStateAsync(StorageNames.Node, padded, readPadded);
        Assert.Equal(1, readPadded.State!.OwnVersion);
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode_with_the_schema_recorded()
    {
        await using (await EmbeddedSilo.StartAsync(_database.Path))
        {
        }

        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
        using var scripts = connection.CreateCommand();
        scripts.CommandText = "SELECT group_concat(Version || '-' || Name, ' ') FROM (SELECT Version, Name FROM PlatformMigrations ORDER BY Version)";
        Assert.Equal("1-grain-storage 2-reminders", scripts.ExecuteScalar());
    }

    public void Dispose() => _database.Dispose();
}
