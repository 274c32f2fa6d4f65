using Microsoft.Extensions.Configuration;
using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.Hosting.Storage;

namespace Platform.Bench.Cluster;

/// <summary>
/// The cluster mode on this machine for the benchmark: silo processes over one PostgreSQL database and a gateway process
/// as their Orleans client, which can all be killed at once and started again. Unlike <see cref="ProcessCluster"/>, each
/// silo keeps its ports across a restart, so its new generation supersedes the killed one's membership row at once
/// instead of waiting for the old row to be voted dead.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _folder;
    private readonly string[] _gatewaySettings;
    private readonly List<(int Silo, int Client)> _ports;
    private List<HostProcess> _silos = [];

    private LocalCluster(string connectionString, string folder, int silos, string[] gatewaySettings)
    {
        // PostgreSQL's default 100 connections shared out, so that no process of the cluster is refused one.
        _connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 90 / (silos + 1) }.ConnectionString;
        _folder = folder;
        _gatewaySettings = gatewaySettings;
        _ports = [.. Enumerable.Range(0, silos).Select(_ => (Ports.Free(), Ports.Free()))];
    }

    /// <summary>How long a process may take to answer: a whole cluster restarting on a busy machine takes minutes.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private HostProcess? _gateway;

    private HostProcess Gateway => _gateway ?? throw new InvalidOperationException("the cluster's processes are not running");

    private string GatewayFolder => Path.Combine(_folder, "gateway");

    /// <summary>Clients signed in through the gateway with the credentials its first start wrote; <paramref name="previous"/>,
    /// those from before a restart, lends its tenant admins.</summary>
    public Task<PlatformClients> ClientsAsync(PlatformClients? previous = null) => PlatformClients.ForFolderAsync(GatewayFolder, Gateway.Address, previous);

    public int Silos => _ports.Count;

    /// <summary>The silos' and the gateway's process ids.</summary>
    public IReadOnlyCollection<int> ProcessIds => [.. _silos.Select(s => s.ProcessId), .. _gateway is null ? [] : new[] { _gateway.ProcessId }];

    /// <summary>The silos' working sets together.</summary>
    public long SilosWorkingSetBytes => _silos.Sum(s => s.HasExited ? 0 : s.WorkingSetBytes);

    /// <summary>Migrates the database as the deployment's Job does, starts the silos together, then the gateway, each ready.</summary>
    public static async Task<LocalCluster> StartAsync(string connectionString, string folder, int silos, params string[] gatewaySettings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:Storage:Mode"] = "PostgreSql",
            ["ConnectionStrings:Platform"] = connectionString,
        }).Build();
        await PlatformDatabase.From(configuration).MigrateAsync();
        var cluster = new LocalCluster(connectionString, folder, silos, gatewaySettings);
        try
        {
            await cluster.StartProcessesAsync("/health/ready");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Kills every silo and the gateway at once (SIGKILL), then starts them all again on the same database, returning
    /// as soon as each process answers at all: what it takes them to be ready is part of what a restart costs. (The
    /// gateway answers once its Orleans client has reached a silo.)
    /// </summary>
    public async Task KillAndRestartAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.KillAsync()).Append(_gateway?.KillAsync() ?? Task.CompletedTask));
        await DisposeProcessesAsync();
        await StartProcessesAsync("/health/live");
    }

    private async Task StartProcessesAsync(string waitFor)
    {
        // All at once, as an orchestrator starts them; those that started are kept (and so stopped) when one fails.
        var starting = _ports.Select((ports, i) => HostProcess.StartAsync($"silo-{i + 1}", "Platform.Silo.dll", Path.Combine(_folder, $"silo-{i + 1}"), waitFor,
        [
            "--Platform:Storage:Mode=PostgreSql", "--Platform:Cluster:Mode=AdoNet", $"--ConnectionStrings:Platform={_connectionString}",
            "--Platform:Storage:MigrateOnStart=false", "--Platform:Cluster:AdvertisedIPAddress=127.0.0.1",
            $"--Platform:Cluster:SiloPort={ports.Silo}", $"--Platform:Cluster:ClientPort={ports.Client}", $"--Platform:Cluster:SiloName=silo-{i + 1}",
            .. GatewayProcess.QuietLogs,
        ], StartTimeout)).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _silos = [.. starting.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result)];
        }

        _gateway = await HostProcess.StartAsync("gateway", "Platform.Gateway.dll", GatewayFolder, waitFor,
            GatewayProcess.ClientArguments(GatewayFolder, _connectionString, _gatewaySettings), StartTimeout);
    }

    private async Task DisposeProcessesAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _silos = [];
        if (_gateway is { } gateway)
        {
            _gateway = null;
            await gateway.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await DisposeProcessesAsync();
}
