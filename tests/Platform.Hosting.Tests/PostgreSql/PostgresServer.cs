using Platform.Testing;

namespace Platform.Hosting.Tests.PostgreSql;

/// <summary>One throwaway PostgreSQL server for the tests of a collection; each test takes an empty database of its own.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private ThrowawayPostgres? _server;

    public Task<string> CreateDatabaseAsync() => _server!.CreateDatabaseAsync();

    public async Task InitializeAsync() => _server = await ThrowawayPostgres.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
