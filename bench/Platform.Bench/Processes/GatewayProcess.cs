using Platform.Bench.SignIn;

namespace Platform.Bench.Processes;

/// <summary>
/// The gateway (<c>dotnet Platform.Gateway.dll</c>) in its own process. <see cref="StartAsync"/>: as a newcomer runs
/// it, the embedded silo and a SQLite file in its folder (the benchmark, and the tests that kill the process to prove
/// nothing acknowledged is lost). <see cref="StartClientAsync"/>: an Orleans client of silo hosts (<see cref="SiloProcess"/>).
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly HostProcess _host;

    private GatewayProcess(HostProcess host, string folder)
    {
        _host = host;
        Folder = folder;
    }

    public Uri Address => _host.Address;

    /// <summary>Where its initial credentials are (and, embedded, its database).</summary>
    public string Folder { get; }

    public int ProcessId => _host.ProcessId;

    public long WorkingSetBytes => _host.WorkingSetBytes;

    /// <summary>Clients that sign in with the credentials the first start wrote to <see cref="Folder"/>;
    /// <paramref name="previous"/>, those of an earlier run in the same folder, lends its tenant admins.</summary>
    public Task<PlatformClients> ClientsAsync(PlatformClients? previous = null) => PlatformClients.ForFolderAsync(Folder, Address, previous);

    /// <summary>Starts the embedded gateway on a free loopback port and waits until it is ready.</summary>
    public static Task<GatewayProcess> StartAsync(string folder, params string[] settings) => StartAsync(folder, "/health/ready", settings);

    /// <summary>Starts the embedded gateway and returns as soon as it answers at all (liveness), before it is ready.</summary>
    public static Task<GatewayProcess> StartLiveAsync(string folder, params string[] settings) => StartAsync(folder, "/health/live", settings);

    /// <summary>
    /// Starts a gateway in the client mode (<c>Platform:Gateway:Mode=Client</c>) against the silos of the cluster whose
    /// membership is in <paramref name="connectionString"/>'s database, and waits until it answers
    /// <paramref name="waitFor"/>. Its signing key and the initial credentials are in <paramref name="folder"/>
    /// (<c>Platform:Auth:Folder</c>): give gateways of one cluster the same folder, as they would share a volume.
    /// </summary>
    public static async Task<GatewayProcess> StartClientAsync(
        string folder, string connectionString, string waitFor = "/health/ready", string name = "gateway", params string[] settings)
    {
        var host = await HostProcess.StartAsync(name, "Platform.Gateway.dll", folder, waitFor, ClientArguments(folder, connectionString, settings));
        return new GatewayProcess(host, folder);
    }

    /// <summary>The command line of a gateway in the client mode, for a caller that starts it with its own timeout.</summary>
    internal static string[] ClientArguments(string folder, string connectionString, IEnumerable<string> settings) =>
    [
        "--Platform:Gateway:Mode=Client", "--Platform:Cluster:Mode=AdoNet", $"--ConnectionStrings:Platform={connectionString}",
        $"--Platform:Auth:Folder={folder}", "--Platform:Seed:Demo=false", .. QuietLogs, .. settings,
    ];

    private static async Task<GatewayProcess> StartAsync(string folder, string waitFor, string[] settings)
    {
        var host = await HostProcess.StartAsync("gateway", "Platform.Gateway.dll", folder, waitFor,
        [
            "--Platform:Seed:Demo=false", $"--Platform:Sqlite:Path={Path.Combine(folder, "platform.db")}",
            $"--Platform:Cluster:SiloPort={Ports.Free()}", $"--Platform:Cluster:ClientPort={Ports.Free()}", .. QuietLogs, .. settings,
        ]);
        return new GatewayProcess(host, folder);
    }

    /// <summary>Warnings and up, to standard error; not the health check service's error line for every 503 a
    /// starting process answers (the tests poll readiness, and the reason is in the answer).</summary>
    internal static readonly string[] QuietLogs =
    [
        "--Logging:LogLevel:Default=Warning", "--Logging:Console:LogToStandardErrorThreshold=Warning",
        "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=Critical",
    ];

    /// <inheritdoc cref="HostProcess.AnswersAsync"/>
    public Task<bool> AnswersAsync(string path) => _host.AnswersAsync(path);

    /// <inheritdoc cref="HostProcess.KillAsync"/>
    public Task KillAsync() => _host.KillAsync();

    /// <inheritdoc cref="HostProcess.TerminateAsync"/>
    public Task<bool> TerminateAsync(TimeSpan timeout) => _host.TerminateAsync(timeout);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
