namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>The cluster's tests share one cluster and take turns with it: each faults it, and each starts from every
/// silo running. Each test works in a tenant of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<PlatformCluster>
{
    public const string Name = "cluster";
}
