using Platform.Testing;

namespace Platform.Gateway.Tests.Cluster;

/// <summary>One throwaway PostgreSQL server for the cluster tests; each test takes an empty database of its own.</summary>
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
public sealed class ClusterCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Cluster processes on PostgreSQL";
}
