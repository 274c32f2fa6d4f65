using Microsoft.Extensions.Configuration;
using Platform.Hosting.Storage;

namespace Platform.Bench.Processes;

/// <summary>
/// The cluster mode in processes on this machine: silo hosts (<see cref="SiloProcess"/>) and gateways in the client
/// mode (<see cref="GatewayProcess.StartClientAsync"/>) on one PostgreSQL database (e.g. a
/// <c>Platform.Testing.ThrowawayPostgres</c> database), migrated first as the deployment's migration Job does. The
/// gateways share <see cref="Folder"/> for their signing key and the initial credentials, so any of them signs a test in.
/// Disposing kills whatever still runs and deletes the folder.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    /// <summary>
    /// Membership timings for tests that kill silos: a silo that stops answering is declared dead within a few seconds
    /// instead of Orleans' default ~30 s, and gateways re-read the silo list every second instead of every minute.
    /// Pass to <see cref="StartAsync"/> (they go to silos and gateways alike; each reads its own keys).
    /// </summary>
    public static readonly string[] FastFailureDetection =
    [
        "--Platform:Cluster:Membership:ProbeTimeout=00:00:01",
        "--Platform:Cluster:Membership:NumMissedProbesLimit=2",
        "--Platform:Cluster:Membership:NumVotesForDeathDeclaration=1",
        "--Platform:Cluster:Membership:TableRefreshTimeout=00:00:02",
        "--Platform:Cluster:Membership:IAmAliveTablePublishTimeout=00:00:05",
        "--Platform:Cluster:Membership:DeathVoteExpirationTimeout=00:00:10",
        "--Platform:Cluster:Client:GatewayListRefreshPeriod=00:00:01",
    ];

    private readonly string[] _settings;
    private int _silosStarted;
    private int _gatewaysStarted;

    private ProcessCluster(string connectionString, string folder, string[] settings)
    {
        ConnectionString = connectionString;
        Folder = folder;
        _settings = settings;
    }

    public string ConnectionString { get; }

    /// <summary>The gateways' shared folder (signing key, initial credentials); each silo works in a folder below it.</summary>
    public string Folder { get; }

    public List<SiloProcess> Silos { get; } = [];

    public List<GatewayProcess> Gateways { get; } = [];

    /// <summary>Migrates the database, starts <paramref name="silos"/> silos together and waits until each is ready,
    /// then starts <paramref name="gateways"/> gateways together and waits until each is ready.</summary>
    /// <param name="settings">Command-line settings for every process, e.g. <see cref="FastFailureDetection"/>.</param>
    public static async Task<ProcessCluster> StartAsync(string connectionString, int silos, int gateways, params string[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:Storage:Mode"] = "PostgreSql",
            ["ConnectionStrings:Platform"] = connectionString,
        }).Build();
        await PlatformDatabase.From(configuration).MigrateAsync();

        var cluster = new ProcessCluster(connectionString, Path.Combine(Path.GetTempPath(), "platform-cluster", Guid.NewGuid().ToString("N")), settings);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.AddSiloAsync()));
            await Task.WhenAll(Enumerable.Range(0, gateways).Select(_ => cluster.AddGatewayAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo (named silo-1, silo-2, … in order of starting) and waits until it is ready.</summary>
    public async Task<SiloProcess> AddSiloAsync(params string[] settings)
    {
        var name = $"silo-{Interlocked.Increment(ref _silosStarted)}";
        var silo = await SiloProcess.StartAsync(name, Path.Combine(Folder, name), ConnectionString, [.. _settings, .. settings]);
        lock (Silos)
        {
            Silos.Add(silo);
        }

        return silo;
    }

    /// <summary>Starts one more gateway in the client mode and waits until it answers <paramref name="waitFor"/>.</summary>
    public async Task<GatewayProcess> AddGatewayAsync(string waitFor = "/health/ready", params string[] settings)
    {
        var name = $"gateway-{Interlocked.Increment(ref _gatewaysStarted)}";
        var gateway = await GatewayProcess.StartClientAsync(Folder, ConnectionString, waitFor, name, [.. _settings, .. settings]);
        lock (Gateways)
        {
            Gateways.Add(gateway);
        }

        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Gateways.Cast<IAsyncDisposable>().Concat(Silos))
        {
            await process.DisposeAsync();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
