using Npgsql;
using Platform.Hosting.Migrations;
using Platform.Hosting.Storage;
using Platform.Hosting.Tests.PostgreSql;
using Platform.Testing;
using static Platform.Hosting.Tests.PostgreSql.PostgresQueries;

namespace Platform.Hosting.Tests.Migrations;

/// <summary>The migration mechanism and the <c>migrate</c> command on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlMigrationTests(PostgresServer server)
{
    private static IReadOnlyList<MigrationScript> Scripts => MigrationCatalog.For(StorageMode.PostgreSql);

    [Fact]
    public async Task An_empty_database_gets_every_script_once_and_a_second_run_applies_nothing()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var first = await RunAsync(connectionString);
        var second = await RunAsync(connectionString);

        Assert.Equal(["0001-clustering", "0002-grain-storage", "0003-reminders"], first.Applied.Select(s => s.ToString()));
        Assert.Empty(second.Applied);
        Assert.Equal(3, second.CurrentVersion);
        Assert.Equal(Scripts.Select(s => $"{s.Version} {s.Name} {s.Checksum}"),
            await QueryAsync(connectionString, "SELECT Version || ' ' || Name || ' ' || Checksum FROM PlatformMigrations ORDER BY Version"));
        Assert.Equal(
            ["CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey",
             "DeleteReminderRowsKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
             "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey",
             "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "UpsertReminderRowKey", "WriteToStorageKey"],
            await QueryAsync(connectionString, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\""));
        Assert.Equal(["ix_orleansreminderstable_grainhash"],
            await QueryAsync(connectionString, "SELECT indexname FROM pg_indexes WHERE tablename = 'orleansreminderstable' AND indexname LIKE 'ix%'"));
    }

    [Fact]
    public async Task A_silos_ring_range_read_of_reminders_uses_the_grain_hash_index_not_a_scan()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await RunAsync(connectionString);
        await ExecuteAsync(connectionString, """
            INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
            SELECT 'platform', 'campaign/' || n, 'deadline', now(), 60000, (hashint4(n)), 0 FROM generate_series(1, 50000) AS n;
            ANALYZE OrleansRemindersTable;
            """);
        var query = (await QueryAsync(connectionString, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'ReadRangeRows1Key'")).Single()
            .Replace("@ServiceId", "'platform'", StringComparison.Ordinal).Replace("@BeginHash", "0", StringComparison.Ordinal).Replace("@EndHash", "10000000", StringComparison.Ordinal);

        var plan = string.Join('\n', await QueryAsync(connectionString, "EXPLAIN " + query));

        Assert.Contains("ix_orleansreminderstable_grainhash", plan);
    }

    [Fact]
    public async Task Two_migrators_at_once_apply_each_script_once()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var results = await Task.WhenAll(RunAsync(connectionString), RunAsync(connectionString));

        Assert.Equal(3, results.Sum(r => r.Applied.Count));
        Assert.Equal(["3"], await QueryAsync(connectionString, "SELECT COUNT(*) FROM PlatformMigrations"));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_build_is_refused_by_the_command_with_a_non_zero_exit()
    {
        var connectionString = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await MigrateAsync(connectionString)).ExitCode);
        await ExecuteAsync(connectionString, "INSERT INTO PlatformMigrations (Version, Name, Checksum) VALUES (4, 'from-the-future', 'abc')");

        var (exitCode, output, error) = await MigrateAsync(connectionString);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("is at schema version 4 (from-the-future), newer than the newest script this build knows (3)", error);
        Assert.Equal(["4"], await QueryAsync(connectionString, "SELECT COUNT(*) FROM PlatformMigrations"));
    }

    [Fact]
    public async Task A_database_whose_recorded_checksum_differs_from_the_script_is_refused()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await RunAsync(connectionString);
        await ExecuteAsync(connectionString, "UPDATE PlatformMigrations SET Checksum = 'edited' WHERE Version = 2");

        var refused = await Assert.ThrowsAsync<MigrationRefusedException>(() => RunAsync(connectionString));

        Assert.Contains("applied 0002-grain-storage with checksum edited", refused.Message);
    }

    [Fact]
    public async Task A_host_that_leaves_migrating_to_the_command_refuses_a_database_with_pending_scripts_and_changes_nothing()
    {
        var connectionString = await server.CreateDatabaseAsync();

        await using (var database = new PostgreSqlMigrationDatabase(connectionString))
        {
            var refused = await Assert.ThrowsAsync<MigrationRefusedException>(() => Migrator.RunAsync(database, Scripts, applyPending: false));
            Assert.Contains("lacks 3 schema script(s) (0001-clustering, 0002-grain-storage, 0003-reminders); run the migrate command", refused.Message);
        }

        Assert.Equal(["0"], await QueryAsync(connectionString, "SELECT COUNT(*) FROM PlatformMigrations"));
        await RunAsync(connectionString);
        await using var current = new PostgreSqlMigrationDatabase(connectionString);
        Assert.Empty((await Migrator.RunAsync(current, Scripts, applyPending: false)).Applied);
    }

    [Fact]
    public async Task The_command_prints_what_it_applied_then_that_nothing_is_left()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var first = await MigrateAsync(connectionString);
        var second = await MigrateAsync(connectionString);

        Assert.Equal((0, ""), (first.ExitCode, first.Error));
        Assert.Contains("applied 0001-clustering (sha256 ", first.Output);
        Assert.Contains("applied 0003-reminders (sha256 ", first.Output);
        Assert.Contains("is now at schema version 3.", first.Output);
        Assert.Equal((0, ""), (second.ExitCode, second.Error));
        Assert.DoesNotContain("applied", second.Output);
        Assert.Contains("is current at schema version 3; nothing to apply.", second.Output);
    }

    [Fact]
    public async Task The_command_in_postgresql_mode_without_a_connection_string_says_which_setting_to_give()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MigrateCommand.RunAsync(["--Platform:Storage:Mode=PostgreSql"], output, error);

        Assert.Equal(1, exitCode);
        Assert.Contains("set ConnectionStrings:Platform (environment ConnectionStrings__Platform)", error.ToString());
    }

    private static async Task<MigrationResult> RunAsync(string connectionString)
    {
        await using var database = new PostgreSqlMigrationDatabase(connectionString);
        return await Migrator.RunAsync(database, Scripts);
    }

    private static async Task<(int ExitCode, string Output, string Error)> MigrateAsync(string connectionString)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MigrateCommand.RunAsync(["--Platform:Storage:Mode=PostgreSql", $"--ConnectionStrings:Platform={connectionString}"], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
