using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.Hosting.Storage;

namespace Platform.Hosting.Tests.Migrations;

/// <summary>Which database the configuration names, and how a silo connects to it.</summary>
public sealed class PlatformDatabaseTests
{
    [Fact]
    public void Sqlite_is_the_default_and_needs_no_connection_string()
    {
        var database = PlatformDatabase.From(Configuration([]));

        Assert.Equal((StorageMode.Sqlite, "data/platform.db", null), (database.Storage.Mode, database.Sqlite.Path, database.ConnectionString));
    }

    [Fact]
    public void A_postgresql_connection_string_without_a_pool_size_gets_one_below_the_servers_default_connection_limit()
    {
        var database = PlatformDatabase.From(Configuration(new() { ["Platform:Storage:Mode"] = "PostgreSql", ["ConnectionStrings:Platform"] = "Host=db;Database=platform;Username=platform" }));

        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        Assert.Equal((PlatformDatabase.DefaultMaximumPoolSize, "db", "platform"), (connection.MaxPoolSize, connection.Host, connection.Database));
    }

    [Fact]
    public void A_pool_size_the_operator_gives_is_kept()
    {
        var database = PlatformDatabase.From(Configuration(new() { ["Platform:Storage:Mode"] = "PostgreSql", ["ConnectionStrings:Platform"] = "Host=db;Database=platform;Maximum Pool Size=80" }));

        Assert.Equal(80, new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
