using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Platform.Hosting.Sqlite;

/// <summary>
/// A SQLite connection that sets the per-connection pragmas the connection string cannot express. The native busy
/// handler waits in millisecond steps; without it Microsoft.Data.Sqlite retries a locked database in coarse sleeps.
/// </summary>
internal sealed class TunedSqliteConnection(string connectionString, string pragmas) : SqliteConnection(connectionString)
{
    public static string Pragmas(SqliteSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {settings.BusyTimeoutMilliseconds}; PRAGMA synchronous = {SynchronousLevel(settings.Synchronous)};");

    public override void Open()
    {
        base.Open();
        using var command = CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    private static string SynchronousLevel(string level) => level.ToUpperInvariant() switch
    {
        "OFF" or "NORMAL" or "FULL" or "EXTRA" => level.ToUpperInvariant(),
        _ => throw new InvalidOperationException(
            $"Platform:Sqlite:Synchronous is '{level}'; use Normal (the default) or Full."),
    };
}
