using Npgsql;

namespace Platform.Hosting.Migrations;

/// <summary>
/// The migration history in PostgreSQL. A session advisory lock keeps concurrent migrators (a Helm hook Job and a
/// silo starting, two silos starting) in turn: the second waits, then finds the scripts applied.
/// </summary>
public sealed class PostgreSqlMigrationDatabase(string connectionString) : IMigrationDatabase
{
    // Any constant unique to this application; "platform" in ASCII.
    private const long AdvisoryLockKey = 0x706c6174666f726d;

    private NpgsqlConnection? _connection;

    public string Describe
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
        }
    }

    public async Task<IReadOnlyList<AppliedMigration>> OpenAsync(CancellationToken cancellationToken)
    {
        _connection = new NpgsqlConnection(connectionString);
        await _connection.OpenAsync(cancellationToken);
        await ExecuteAsync($"SELECT pg_advisory_lock({AdvisoryLockKey});", null, cancellationToken);
        await ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS PlatformMigrations
            (
                Version   integer     NOT NULL PRIMARY KEY,
                Name      text        NOT NULL,
                Checksum  text        NOT NULL,
                AppliedAt timestamptz NOT NULL DEFAULT now()
            );
            """, null, cancellationToken);

        await using var read = new NpgsqlCommand("SELECT Version, Name, Checksum, AppliedAt FROM PlatformMigrations ORDER BY Version", _connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var history = new List<AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return history;
    }

    public async Task ApplyAsync(MigrationScript script, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("Open the database first.");
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(script.Sql, transaction, cancellationToken);
        await using var record = new NpgsqlCommand("INSERT INTO PlatformMigrations (Version, Name, Checksum) VALUES (@version, @name, @checksum)", connection, transaction);
        record.Parameters.AddWithValue("version", script.Version);
        record.Parameters.AddWithValue("name", script.Name);
        record.Parameters.AddWithValue("checksum", script.Checksum);
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Released explicitly: a pooled session outlives this connection object.
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey});", null, CancellationToken.None);
            }

            await _connection.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
