namespace Platform.Hosting.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Readers never block the writer and the writer never blocks
/// readers; writes are serialised by SQLite itself, so every connection waits for the write lock (busy timeout)
/// instead of failing with "database is locked".
/// </summary>
public sealed class SqliteSettings
{
    /// <summary>The database file; relative paths are under the working directory.</summary>
    public string Path { get; set; } = "data/platform.db";

    /// <summary>
    /// <c>Normal</c> (default): in WAL mode a commit is durable once it is in the WAL file, which survives the process
    /// being killed; only an operating-system crash or power loss can lose the last commits, because the WAL is
    /// fsynced at checkpoints rather than at every commit. That trade buys several times the write rate of
    /// <c>Full</c>, which fsyncs every commit and is the setting for a machine without a reliable disk cache.
    /// The production mode (PostgreSQL) is fully durable either way.
    /// </summary>
    public string Synchronous { get; set; } = "Normal";

    /// <summary>How long a connection waits for another's write lock before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 10_000;

    public string ConnectionString => $"Data Source={System.IO.Path.GetFullPath(Path)};Pooling=True;Default Timeout=30";
}
