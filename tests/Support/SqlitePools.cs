using Microsoft.Data.Sqlite;
using Platform.Hosting.Sqlite;

namespace Platform.Testing;

/// <summary>
/// Lets go of the pooled connections to one test's SQLite file, so its folder can be deleted. Only that file's pool:
/// <see cref="SqliteConnection.ClearAllPools"/> would also clear the pools of tests still running in parallel, and
/// clearing a pool reclaims connections that are just being handed out (docs/storage.md).
/// </summary>
internal static class SqlitePools
{
    public static void Release(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteSettings { Path = databasePath }.ConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}
