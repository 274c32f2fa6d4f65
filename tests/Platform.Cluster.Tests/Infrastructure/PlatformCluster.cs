using Platform.Bench;
using Platform.Bench.SignIn;
using Platform.Testing;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// The cluster mode as deployed, on 127.0.0.1: a throwaway PostgreSQL (state, reminders and membership), three silo
/// host processes (src/Platform.Silo) and one gateway process in client mode, which the tests' clients sign in to over
/// HTTP. Membership is tuned through configuration alone so that a killed silo is declared dead in about 3 s.
/// </summary>
public sealed class PlatformCluster : IAsyncLifetime
{
    public const int SiloCount = 3;

    /// <summary>Orleans' ClusterMembershipOptions, through <c>Platform:Cluster:Membership</c>: a silo that misses two
    /// 1 s probes is suspected, and two votes (the two survivors') declare it dead.</summary>
    private static readonly string[] Membership =
    [
        "--Platform:Cluster:Membership:ProbeTimeout=00:00:01",
        "--Platform:Cluster:Membership:NumMissedProbesLimit=2",
        "--Platform:Cluster:Membership:NumVotesForDeathDeclaration=2",
        "--Platform:Cluster:Membership:TableRefreshTimeout=00:00:02",
        "--Platform:Cluster:Membership:DeathVoteExpirationTimeout=00:00:10",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-cluster-tests", Guid.NewGuid().ToString("N"));
    private readonly SiloProcess?[] _silos = new SiloProcess?[SiloCount];
    private ThrowawayPostgres? _postgres;
    private string _connectionString = "";
    private GatewayProcess? _gateway;
    private PlatformClients? _clients;

    /// <summary>Signs in as the operator and the tenants' admins, with the credentials the gateway's first start wrote.</summary>
    public PlatformClients Clients => _clients ?? throw new InvalidOperationException("the cluster is not started");

    public IReadOnlyList<string> SiloNames { get; } = Enumerable.Range(1, SiloCount).Select(i => $"silo-{i}").ToArray();

    public async Task InitializeAsync()
    {
        _postgres = await ThrowawayPostgres.StartAsync();
        _connectionString = await _postgres.CreateDatabaseAsync();

        // The first silo creates the schema; the others then find it current.
        await StartSiloAsync(0);
        await EnsureEverySiloRunsAsync();
        _gateway = await GatewayProcess.StartAsync(Path.Combine(_folder, "gateway"),
        [
            "--Platform:Gateway:Mode=Client", $"--Platform:Auth:Folder={Path.Combine(_folder, "gateway")}",
            .. Storage, "--Platform:Cluster:Client:GatewayListRefreshPeriod=00:00:01",
        ]);
        _clients = await _gateway.ClientsAsync();
    }

    /// <summary>Starts every silo that is not running, together, and waits until each is ready.</summary>
    public Task EnsureEverySiloRunsAsync() =>
        Task.WhenAll(Enumerable.Range(0, SiloCount).Where(i => _silos[i] is not { HasExited: false }).Select(StartSiloAsync));

    /// <summary>Starts silo <paramref name="index"/> (on new ports, as a rescheduled pod gets a new address) and waits
    /// until it is ready.</summary>
    public async Task StartSiloAsync(int index)
    {
        if (_silos[index] is { } previous)
        {
            await previous.DisposeAsync();
        }

        _silos[index] = await SiloProcess.StartAsync(Path.Combine(_folder, SiloNames[index]),
            [.. Storage, .. Membership, $"--Platform:Cluster:SiloName={SiloNames[index]}"]);
    }

    /// <summary>SIGKILL: the silo vanishes with whatever it held in memory.</summary>
    public Task KillSiloAsync(int index) => Silo(index).KillAsync();

    /// <summary>SIGTERM, as an orchestrator stops a pod; whether it exited within <paramref name="timeout"/>.</summary>
    public Task<bool> StopSiloAsync(int index, TimeSpan timeout) => Silo(index).TerminateAsync(timeout);

    public async Task DisposeAsync()
    {
        _clients?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        foreach (var silo in _silos.OfType<SiloProcess>())
        {
            await silo.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string[] Storage =>
    [
        "--Platform:Storage:Mode=PostgreSql", $"--ConnectionStrings:Platform={_connectionString}",
        "--Platform:Cluster:Mode=AdoNet", "--Platform:Cluster:AdvertisedIPAddress=127.0.0.1",
    ];

    private SiloProcess Silo(int index) => _silos[index] ?? throw new InvalidOperationException($"{SiloNames[index]} was never started");
}
