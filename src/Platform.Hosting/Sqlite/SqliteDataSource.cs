using System.Data.Common;

namespace Platform.Hosting.Sqlite;

/// <summary>Hands the Orleans ADO.NET providers connections that are already tuned (see <see cref="TunedSqliteConnection"/>).</summary>
public sealed class SqliteDataSource(SqliteSettings settings) : DbDataSource
{
    private readonly string _connectionString = settings.ConnectionString;
    private readonly string _pragmas = TunedSqliteConnection.Pragmas(settings);

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new TunedSqliteConnection(_connectionString, _pragmas);
}
