using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.Testing;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// The cluster mode as deployed, on 127.0.0.1: a throwaway PostgreSQL (state, reminders and membership), three silo
/// host processes (src/Platform.Silo) and one gateway process in client mode, which the tests' clients sign in to over
/// HTTP. Failure detection is tuned through configuration alone (<see cref="ProcessCluster.FastFailureDetection"/>:
/// a silo that misses two 1 s probes is declared dead; the gateway re-reads the silo list every second).
/// </summary>
public sealed class PlatformCluster : IAsyncLifetime
{
    public const int SiloCount = 3;

    private readonly SiloProcess[] _silos = new SiloProcess[SiloCount];
    private ThrowawayPostgres? _postgres;
    private ProcessCluster? _cluster;
    private PlatformClients? _clients;

    /// <summary>Signs in as the operator and the tenants' admins, with the credentials the gateway's first start wrote.</summary>
    public PlatformClients Clients => _clients ?? throw new InvalidOperationException("the cluster is not started");

    /// <summary>The name of the process now in each silo's place (a restarted silo gets a new one, as a new pod does).</summary>
    public string SiloName(int index) => _silos[index].Name;

    public async Task InitializeAsync()
    {
        _postgres = await ThrowawayPostgres.StartAsync();
        _cluster = await ProcessCluster.StartAsync(await _postgres.CreateDatabaseAsync(), SiloCount, gateways: 1, ProcessCluster.FastFailureDetection);
        _cluster.Silos.CopyTo(_silos);
        _clients = await _cluster.Gateways.Single().ClientsAsync();
    }

    /// <summary>Starts again, together, every silo that has stopped, and waits until each is ready.</summary>
    public Task EnsureEverySiloRunsAsync() =>
        Task.WhenAll(Enumerable.Range(0, SiloCount).Where(i => _silos[i].HasExited).Select(StartSiloAsync));

    /// <summary>Starts a silo in the place of silo <paramref name="index"/>, which has stopped, and waits until it is ready.</summary>
    public async Task StartSiloAsync(int index)
    {
        if (!_silos[index].HasExited)
        {
            throw new InvalidOperationException($"{_silos[index].Name} still runs");
        }

        _silos[index] = await Cluster.AddSiloAsync();
    }

    /// <summary>SIGKILL: the silo vanishes with whatever it held in memory.</summary>
    public Task KillSiloAsync(int index) => _silos[index].KillAsync();

    /// <summary>SIGTERM, as an orchestrator stops a pod; whether it exited within <paramref name="timeout"/>.</summary>
    public Task<bool> StopSiloAsync(int index, TimeSpan timeout) => _silos[index].TerminateAsync(timeout);

    public async Task DisposeAsync()
    {
        _clients?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private ProcessCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not started");
}
