using Microsoft.Data.Sqlite;
using Platform.Hosting.Migrations;
using Platform.Hosting.Sqlite;
using Platform.Hosting.Storage;

namespace Platform.Hosting.Tests.Migrations;

/// <summary>The migration mechanism on the embedded store: a real SQLite file.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    private SqliteSettings Settings => new() { Path = _database.Path };

    private static IReadOnlyList<MigrationScript> Scripts => MigrationCatalog.For(StorageMode.Sqlite);

    [Fact]
    public async Task An_empty_file_gets_every_script_once_and_a_second_run_applies_nothing()
    {
        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(["0001-grain-storage", "0002-reminders"], first.Applied.Select(s => s.ToString()));
        Assert.Empty(second.Applied);
        Assert.Equal(2, second.CurrentVersion);
        Assert.Equal(
            Scripts.Select(s => $"{s.Version} {s.Name} {s.Checksum}"),
            Query("SELECT Version || ' ' || Name || ' ' || Checksum FROM PlatformMigrations ORDER BY Version"));
        Assert.Equal(["OrleansQuery", "OrleansRemindersTable", "OrleansStorage", "PlatformMigrations"],
            Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    }

    [Fact]
    public async Task A_file_migrated_by_a_newer_build_is_refused_and_left_unchanged()
    {
        await RunAsync();
        Execute("INSERT INTO PlatformMigrations (Version, Name, Checksum, AppliedAt) VALUES (3, 'from-the-future', 'abc', '2030-01-01T00:00:00Z')");

        var refused = await Assert.ThrowsAsync<MigrationRefusedException>(RunAsync);

        Assert.Contains("schema version 3 (from-the-future), newer than the newest script this build knows (2)", refused.Message);
        Assert.Equal(["1", "2", "3"], Query("SELECT Version FROM PlatformMigrations ORDER BY Version"));
    }

    [Fact]
    public async Task The_command_migrates_the_default_mode_and_exits_zero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MigrateCommand.RunAsync([$"--Platform:Sqlite:Path={_database.Path}"], output, error);

        Assert.Equal((0, ""), (exitCode, error.ToString()));
        Assert.Contains("applied 0001-grain-storage (sha256 ", output.ToString());
        Assert.Contains("is now at schema version 2.", output.ToString());
    }

    [Fact]
    public async Task A_file_whose_recorded_checksum_differs_from_the_script_is_refused()
    {
        await RunAsync();
        Execute("UPDATE PlatformMigrations SET Checksum = 'edited' WHERE Version = 2");

        var refused = await Assert.ThrowsAsync<MigrationRefusedException>(RunAsync);

        Assert.Contains("0002-reminders with checksum edited", refused.Message);
        Assert.Contains("an applied script was edited", refused.Message);
    }

    [Fact]
    public async Task A_file_from_before_the_history_is_adopted_without_running_its_scripts_again()
    {
        // What the previous bootstrap left: the scripts run, and their file names listed in PlatformSchema.
        Execute("PRAGMA journal_mode = WAL;");
        Execute("CREATE TABLE PlatformSchema (Script TEXT NOT NULL PRIMARY KEY, AppliedAt TEXT NOT NULL);");
        foreach (var script in Scripts)
        {
            Execute(script.Sql);
            Execute($"INSERT INTO PlatformSchema VALUES ('{script}.sql', '2026-11-01T00:00:00.0000000+00:00')");
        }

        Execute("INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, ServiceId, ModifiedOn, Version) VALUES (1, 2, 3, 4, 'node', 'platform', 'x', 7)");

        var result = await RunAsync();

        Assert.Empty(result.Applied);
        Assert.Equal(["1 grain-storage 2026-11-01T00:00:00.0000000+00:00", "2 reminders 2026-11-01T00:00:00.0000000+00:00"],
            Query("SELECT Version || ' ' || Name || ' ' || AppliedAt FROM PlatformMigrations ORDER BY Version"));
        Assert.Empty(Query("SELECT name FROM sqlite_master WHERE name = 'PlatformSchema'"));
        Assert.Equal(["7"], Query("SELECT Version FROM OrleansStorage"));
    }

    public void Dispose() => _database.Dispose();

    private async Task<MigrationResult> RunAsync()
    {
        await using var database = new SqliteMigrationDatabase(Settings);
        return await Migrator.RunAsync(database, Scripts);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<string> Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}
