namespace Platform.Bench.Cluster;

/// <summary>
/// The cluster mode on this machine: silo processes over one PostgreSQL database, and the gateway process as their
/// Orleans client (<c>Platform:Gateway:Mode=Client</c>), membership in the database as in a deployment.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _folder;
    private readonly string[] _gatewaySettings;
    private readonly List<(int Http, int Silo, int Client)> _ports;
    private List<SiloProcess> _silos = [];

    private LocalCluster(string connectionString, string folder, int siloCount, string[] gatewaySettings)
    {
        _connectionString = connectionString;
        _folder = folder;
        _gatewaySettings = gatewaySettings;
        _ports = [.. Enumerable.Range(0, siloCount).Select(_ => (Ports.Free(), Ports.Free(), Ports.Free()))];
    }

    public GatewayProcess Gateway { get; private set; } = null!;

    public int Silos => _ports.Count;

    /// <summary>The silos' working sets together.</summary>
    public long SilosWorkingSetBytes => _silos.Sum(s => s.WorkingSetBytes);

    /// <summary>Migrates the database, starts the silos one after the other, then the gateway.</summary>
    public static async Task<LocalCluster> StartAsync(string connectionString, string folder, int silos, params string[] gatewaySettings)
    {
        await SiloProcess.MigrateAsync(connectionString);
        var cluster = new LocalCluster(connectionString, folder, silos, gatewaySettings);
        try
        {
            await cluster.StartProcessesAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills every silo and the gateway at once (SIGKILL), then starts them all again on the same database.</summary>
    public async Task KillAndRestartAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.KillAsync()).Append(Gateway.KillAsync()));
        await DisposeProcessesAsync();
        await StartProcessesAsync();
    }

    private async Task StartProcessesAsync()
    {
        // All at once, as an orchestrator starts them; those that started are kept (and so stopped) when one fails.
        var starting = _ports.Select((ports, i) => SiloProcess.StartAsync($"silo{i + 1}", ports, _connectionString, [])).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _silos = [.. starting.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result)];
        }

        Gateway = await GatewayProcess.StartAsync(_folder, [.. SiloProcess.ClusterSettings(_connectionString), "--Platform:Gateway:Mode=Client", .. _gatewaySettings]);
    }

    private async Task DisposeProcessesAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _silos = [];
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await DisposeProcessesAsync();
}
