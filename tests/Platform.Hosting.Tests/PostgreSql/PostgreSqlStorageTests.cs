using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Grains.Hierarchy;
using Platform.Grains.Persistence;
using Platform.Testing;
using static Platform.Hosting.Tests.SiloNodes;

namespace Platform.Hosting.Tests.PostgreSql;

/// <summary>The production store for real: the Orleans ADO.NET providers over PostgreSQL with the project's scripts.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlStorageTests(PostgresServer server)
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task An_assessment_stored_in_postgresql_is_read_back_after_a_silo_restart()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var scores = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch).Indicators.ToDictionary(i => i.Id, i => i.Max);

        // Storage is what is tested here, not who may write: the writes run as the platform's own work.
        using var platform = CallerContext.As(Caller.System("hunan", "test"));
        await using (var silo = await EmbeddedSilo.StartOnPostgreSqlAsync(connectionString))
        {
            Assert.True((await silo.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("hunan")).Upsert("湖南", RatingScheme.Stars, expectedRevision: null)).Succeeded);
            await DefineAsync(silo, new("430000", NodeKind.Province, "湖南省", null));
            await DefineAsync(silo, new("430100", NodeKind.City, "长沙市", "430000"));
            await DefineAsync(silo, new("430102", NodeKind.County, "芙蓉区", "430100"));
            await DefineAsync(silo, new("9430102001", NodeKind.School, "芙蓉区第一小学", "430102", SchoolProfile.Default));
            await DefineAsync(silo, new("9430102001-01", NodeKind.Branch, "第一党支部", "9430102001", Members: 12));
            var assessed = await Node(silo, "9430102001-01").PutAssessment(AssessmentInput.FromScores(scores), null);
            Assert.Equal(RatingLevel.Star5, assessed.Value!.Assessment.Rating);
        }

        await using (var silo = await EmbeddedSilo.StartOnPostgreSqlAsync(connectionString))
        {
            var assessment = await Node(silo, "9430102001-01").GetAssessment();
            Assert.Equal((110m, RatingLevel.Star5, 1), (assessment.Value!.Assessment.Total, assessment.Value.Assessment.Rating, assessment.Value.Revision));
            await WaitForAsync(silo, "430000", s => s.Assessed == 1 && s.Ratings.Star5 == 1 && s.Members == 12);
        }

        // Stored in PostgreSQL, not in a SQLite file of the default path: the branch's state row is in OrleansStorage.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM OrleansStorage WHERE GrainIdExtensionString LIKE '%9430102001-01%' AND PayloadBinary IS NOT NULL", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 1);
    }

    [Fact]
    public async Task A_stale_write_is_rejected_and_the_stored_state_is_kept()
    {
        await using var silo = await EmbeddedSilo.StartOnPostgreSqlAsync(await server.CreateDatabaseAsync());
        await StorageChecks.A_stale_write_is_rejected_and_the_stored_state_is_kept(silo);
    }

    [Fact]
    public async Task Concurrent_first_writes_of_one_grain_store_exactly_one_and_reject_the_rest()
    {
        await using var silo = await EmbeddedSilo.StartOnPostgreSqlAsync(await server.CreateDatabaseAsync());
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var id = GrainId.Create("node", GrainKeys.Node("hunan", "430100"));

        var writes = Enumerable.Range(1, 16).Select(async n =>
        {
            try
            {
                await storage.WriteStateAsync(StorageNames.Node, id, new GrainState<NodeState> { State = new NodeState { OwnVersion = n } });
                return n;
            }
            catch (InconsistentStateException)
            {
                return 0;
            }
        });
        var winners = (await Task.WhenAll(writes)).Where(n => n != 0).ToList();

        var winner = Assert.Single(winners);
        var read = new GrainState<NodeState>();
        await storage.ReadStateAsync(StorageNames.Node, id, read);
        Assert.Equal((winner, "1"), (read.State!.OwnVersion, read.ETag));
    }

    [Fact]
    public async Task Reminders_are_versioned_deleted_only_at_their_etag_and_read_by_both_kinds_of_hash_range()
    {
        await using var silo = await EmbeddedSilo.StartOnPostgreSqlAsync(await server.CreateDatabaseAsync());
        await StorageChecks.The_reminder_table_versions_upserts_rejects_stale_deletes_and_reads_both_kinds_of_hash_range(
            silo, new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc));
    }

    [Fact]
    public async Task A_reminder_stored_in_postgresql_fires_on_the_restarted_silo()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var key = Guid.NewGuid().ToString("N");
        await using (var silo = await StartWithShortRemindersAsync(connectionString))
        {
            await silo.Grains.GetGrain<IReminderTestGrain>(key).Register(TimeSpan.FromSeconds(1), ReminderPeriod);
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await using (var silo = await StartWithShortRemindersAsync(connectionString))
        {
            Assert.Equal([ReminderTestGrain.ReminderName], await silo.Grains.GetGrain<IReminderTestGrain>(key).ReminderNames());
            await ReminderTestGrain.WaitForTickAfterAsync(key, restartedAt, TimeSpan.FromSeconds(15));
        }
    }

    private static Task<EmbeddedSilo> StartWithShortRemindersAsync(string connectionString) => EmbeddedSilo.StartOnPostgreSqlAsync(connectionString,
        services => services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = ReminderPeriod));
}
