namespace Platform.Testing;

/// <summary>One throwaway PostgreSQL server for the tests of a collection (each test assembly declares its own collection of it); each test takes an empty database of its own.</summary>
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
