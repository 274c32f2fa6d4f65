namespace Platform.Bench.Processes;

/// <summary>
/// A silo host (<c>dotnet Platform.Silo.dll</c>, src/Platform.Silo) in its own process, in the cluster mode: grain
/// state, reminders and membership in the PostgreSQL database of <c>connectionString</c> (ADO.NET clustering), on
/// 127.0.0.1 with free ports. Start several on one database and they form one cluster; a gateway joins it with
/// <see cref="GatewayProcess.StartClientAsync"/>. Stop one with <see cref="TerminateAsync"/> (graceful: it leaves the
/// membership table and hands its grains over) or <see cref="KillAsync"/> (a crash: the others must notice it is
/// dead, as fast as <c>Platform:Cluster:Membership:*</c> allows).
/// <para>The database must be migrated first (<see cref="StartAsync"/> passes <c>MigrateOnStart=false</c> unless
/// <paramref name="settings"/> say otherwise, as in production): run <c>Platform.Hosting.Storage.PlatformDatabase.MigrateAsync</c>
/// or start the first silo with <c>--Platform:Storage:MigrateOnStart=true</c>.</para>
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly HostProcess _host;

    private SiloProcess(HostProcess host, int siloPort, int clientPort)
    {
        _host = host;
        SiloPort = siloPort;
        ClientPort = clientPort;
    }

    /// <summary>Its name in the membership table and in the output.</summary>
    public string Name => _host.Name;

    /// <summary>Its probes' address: <c>/health/live</c>, <c>/health/ready</c>.</summary>
    public Uri HealthAddress => _host.Address;

    /// <summary>Silo-to-silo traffic (<c>Platform:Cluster:SiloPort</c>).</summary>
    public int SiloPort { get; }

    /// <summary>Where gateways connect (<c>Platform:Cluster:ClientPort</c>).</summary>
    public int ClientPort { get; }

    public int ProcessId => _host.ProcessId;

    public bool HasExited => _host.HasExited;

    /// <summary>Starts a silo named <paramref name="name"/> and waits until it is ready (Active in the cluster, its
    /// storage answering, its rollups loaded).</summary>
    /// <param name="settings">Further command-line settings, e.g. <c>--Platform:Cluster:Membership:ProbeTimeout=00:00:01</c>.</param>
    public static Task<SiloProcess> StartAsync(string name, string folder, string connectionString, params string[] settings) =>
        StartAsync(name, folder, connectionString, "/health/ready", settings);

    /// <summary>The same, returning as soon as the process answers at all (before it has joined).</summary>
    public static Task<SiloProcess> StartLiveAsync(string name, string folder, string connectionString, params string[] settings) =>
        StartAsync(name, folder, connectionString, "/health/live", settings);

    private static async Task<SiloProcess> StartAsync(string name, string folder, string connectionString, string waitFor, string[] settings)
    {
        var (siloPort, clientPort) = (Ports.Free(), Ports.Free());
        var host = await HostProcess.StartAsync(name, "Platform.Silo.dll", folder, waitFor,
        [
            "--Platform:Storage:Mode=PostgreSql", "--Platform:Cluster:Mode=AdoNet", $"--ConnectionStrings:Platform={connectionString}",
            "--Platform:Storage:MigrateOnStart=false", "--Platform:Cluster:AdvertisedIPAddress=127.0.0.1",
            $"--Platform:Cluster:SiloPort={siloPort}", $"--Platform:Cluster:ClientPort={clientPort}", $"--Platform:Cluster:SiloName={name}",
            .. GatewayProcess.QuietLogs, .. settings,
        ]);
        return new SiloProcess(host, siloPort, clientPort);
    }

    /// <inheritdoc cref="HostProcess.AnswersAsync"/>
    public Task<bool> AnswersAsync(string path) => _host.AnswersAsync(path);

    /// <inheritdoc cref="HostProcess.KillAsync"/>
    public Task KillAsync() => _host.KillAsync();

    /// <inheritdoc cref="HostProcess.TerminateAsync"/>
    public Task<bool> TerminateAsync(TimeSpan timeout) => _host.TerminateAsync(timeout);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
