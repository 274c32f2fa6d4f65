using System.Data.Common;
using Npgsql;
using Platform.Hosting.Sqlite;

namespace Platform.Hosting.Storage;

/// <summary>The one data source of a silo's providers (grain state, reminders) and of its storage health check.</summary>
public sealed record PlatformDataSource(string Invariant, DbDataSource Source)
{
    public static PlatformDataSource For(PlatformDatabase database) => database.Storage.Mode switch
    {
        // Every connection gets the busy timeout and synchronous level. Nothing to dispose (pooling is
        // Microsoft.Data.Sqlite's).
        StorageMode.Sqlite => new(StorageInvariants.Sqlite, new SqliteDataSource(database.Sqlite)),
        // Npgsql's data source owns the connection pool; it lives as long as the process.
        _ => new(StorageInvariants.PostgreSql, NpgsqlDataSource.Create(database.ConnectionString!)),
    };
}
