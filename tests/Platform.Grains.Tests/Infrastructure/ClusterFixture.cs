using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans;
using Platform.Grains.Hierarchy;
using Platform.Grains;
using Platform.Contracts.Hierarchy;
using Platform.Grains.Persistence;

namespace Platform.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo with memory storage, shared by the tests of a collection. Rollups travel fast here (20 ms per
/// hop) so convergence is quick; the protocol is the same as in production.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(StorageNames.Provider, options => options.GrainStorageSerializer = new JsonGrainStorageSerializer());
            silo.Services.AddPlatformGrainServices();
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter<FaultInjection>();
            silo.Services.Configure<RollupOptions>(options =>
            {
                options.ReportInterval = TimeSpan.FromMilliseconds(20);
                options.CheckpointInterval = TimeSpan.FromMilliseconds(200);
                options.RetryDelay = TimeSpan.FromMilliseconds(100);
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
