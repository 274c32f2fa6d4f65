using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Sqlite;

/// <summary>
/// Creates or upgrades the embedded database from the project's own scripts (infra/sql/sqlite, embedded here), in
/// order, each once, each in a transaction. Runs before the silo starts, so the providers find their queries.
/// </summary>
public static partial class SqliteSchema
{
    private const string ResourcePrefix = "Sql.Sqlite.";

    public static void Apply(SqliteSettings settings, ILogger logger)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(settings.Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = new SqliteConnection(settings.ConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS PlatformSchema (Script TEXT NOT NULL PRIMARY KEY, AppliedAt TEXT NOT NULL);");

        foreach (var (name, sql) in Scripts())
        {
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT COUNT(*) FROM PlatformSchema WHERE Script = $script";
            check.Parameters.AddWithValue("$script", name);
            if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            Execute(connection, sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO PlatformSchema (Script, AppliedAt) VALUES ($script, $at)";
            record.Parameters.AddWithValue("$script", name);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
            transaction.Commit();
            LogApplied(logger, name, settings.Path);
        }
    }

    private static IEnumerable<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(SqliteSchema).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[ResourcePrefix.Length..], reader.ReadToEnd());
        }
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema script {Script} to {Path}")]
    private static partial void LogApplied(ILogger logger, string script, string path);
}
