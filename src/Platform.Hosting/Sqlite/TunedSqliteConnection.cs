using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Platform.Hosting.Sqlite;

/// <summary>
/// A SQLite connection that sets the per-connection pragmas the connection string cannot express. The native busy
/// handler waits in millisecond steps; without it Microsoft.Data.Sqlite retries a locked database in coarse sleeps.
/// </summary>
/// <remarks>
/// Taking a connection from Microsoft.Data.Sqlite's pool and giving it back are serialised process-wide
/// (<see cref="PoolGate"/>). Microsoft.Data.Sqlite 10 marks a pooled connection active a moment before it records
/// the owner (and forgets the owner a moment before marking it inactive); an open on another thread that finds the
/// pool empty reclaims every active connection without an owner as leaked, so it can lend the connection being
/// handed out to a second owner or dispose it under the first (dotnet/efcore#39008). Both steps take microseconds,
/// so the gate costs nothing measurable; docs/storage.md tells the story and when the gate can go.
/// </remarks>
internal sealed class TunedSqliteConnection(string connectionString, string pragmas) : SqliteConnection(connectionString)
{
    private static readonly Lock PoolGate = new();

    public static string Pragmas(SqliteSettings settings) => string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {settings.BusyTimeoutMilliseconds}; PRAGMA synchronous = {SynchronousLevel(settings.Synchronous)};");

    public override void Open()
    {
        lock (PoolGate)
        {
            base.Open();
        }

        using var command = CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    /// <summary>Dispose closes through here too, so every return to the pool passes the gate.</summary>
    public override void Close()
    {
        lock (PoolGate)
        {
            base.Close();
        }
    }

    private static string SynchronousLevel(string level) => level.ToUpperInvariant() switch
    {
        "OFF" or "NORMAL" or "FULL" or "EXTRA" => level.ToUpperInvariant(),
        _ => throw new InvalidOperationException(
            $"Platform:Sqlite:Synchronous is '{level}'; use Normal (the default) or Full."),
    };
}
