using System.Globalization;
using Microsoft.Data.Sqlite;
using Platform.Hosting.Sqlite;

using Platform.Hosting.Storage;

namespace Platform.Hosting.Migrations;

/// <summary>
/// The migration history in the embedded SQLite file. A file from before the history existed (its scripts listed in
/// the old <c>PlatformSchema</c> table) is adopted: the scripts it lists are recorded with this build's checksums,
/// since they ran from the same text, and the old table goes.
/// </summary>
public sealed class SqliteMigrationDatabase(SqliteSettings settings) : IMigrationDatabase
{
    private SqliteConnection? _connection;

    public string Describe => settings.Path;

    public async Task<IReadOnlyList<AppliedMigration>> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(settings.Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(settings.ConnectionString);
        await _connection.OpenAsync(cancellationToken);
        Execute("PRAGMA journal_mode = WAL;");

        // BEGIN IMMEDIATE takes the write lock at once: a second migrator waits here (busy timeout) rather than both
        // reading an empty history.
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            Execute("""
                CREATE TABLE IF NOT EXISTS PlatformMigrations
                (
                    Version   INTEGER NOT NULL PRIMARY KEY,
                    Name      TEXT    NOT NULL,
                    Checksum  TEXT    NOT NULL,
                    AppliedAt TEXT    NOT NULL
                );
                """, transaction);
            AdoptLegacyHistory(transaction);
            transaction.Commit();
        }

        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT Version, Name, Checksum, AppliedAt FROM PlatformMigrations ORDER BY Version";
        using var reader = read.ExecuteReader();
        var history = new List<AppliedMigration>();
        while (reader.Read())
        {
            history.Add(new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return history;
    }

    public Task ApplyAsync(MigrationScript script, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("Open the database first.");
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(script.Sql, transaction);
        Record(script, DateTimeOffset.UtcNow, transaction);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _connection?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void AdoptLegacyHistory(SqliteTransaction transaction)
    {
        using var exists = _connection!.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'PlatformSchema'";
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return;
        }

        var known = MigrationCatalog.For(StorageMode.Sqlite).ToDictionary(s => $"{s}.sql");
        using var legacy = _connection.CreateCommand();
        legacy.Transaction = transaction;
        legacy.CommandText = "SELECT Script, AppliedAt FROM PlatformSchema ORDER BY Script";
        var rows = new List<(string Script, string AppliedAt)>();
        using (var reader = legacy.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, appliedAt) in rows)
        {
            // A script this build does not know is recorded under a version of its own with no checksum it could
            // match, so the migrator refuses the file rather than guessing.
            var script = known.GetValueOrDefault(name) ?? MigrationScript.Parse(name, $"-- unknown legacy script {name}") with { Checksum = "unknown" };
            Record(script, DateTimeOffset.Parse(appliedAt, CultureInfo.InvariantCulture), transaction);
        }

        Execute("DROP TABLE PlatformSchema;", transaction);
    }

    private void Record(MigrationScript script, DateTimeOffset appliedAt, SqliteTransaction transaction)
    {
        using var record = _connection!.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO PlatformMigrations (Version, Name, Checksum, AppliedAt) VALUES ($version, $name, $checksum, $at)";
        record.Parameters.AddWithValue("$version", script.Version);
        record.Parameters.AddWithValue("$name", script.Name);
        record.Parameters.AddWithValue("$checksum", script.Checksum);
        record.Parameters.AddWithValue("$at", appliedAt.ToString("O", CultureInfo.InvariantCulture));
        record.ExecuteNonQuery();
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
