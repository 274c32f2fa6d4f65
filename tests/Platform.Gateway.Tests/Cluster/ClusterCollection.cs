using Platform.Testing;

namespace Platform.Gateway.Tests.Cluster;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Cluster processes on PostgreSQL";
}
