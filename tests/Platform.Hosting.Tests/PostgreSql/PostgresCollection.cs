using Platform.Testing;

namespace Platform.Hosting.Tests.PostgreSql;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
