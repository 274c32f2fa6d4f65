using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench.Cluster;

/// <summary>
/// One silo host (src/Platform.Silo) in its own process, in the cluster mode: grain state, reminders and membership in
/// PostgreSQL, its silo and client ports on loopback, its probes on an HTTP port of its own.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Starts the silo and waits until its readiness probe answers (it has joined the cluster).</summary>
    /// <param name="ports">The silo's probe, silo and client ports: a restarted silo takes its old ones again, so its
    /// new generation supersedes the killed one's membership row at once instead of waiting for it to be voted dead.</param>
    public static async Task<SiloProcess> StartAsync(string name, (int Http, int Silo, int Client) ports, string connectionString, IEnumerable<string> settings)
    {
        var port = ports.Http;
        var process = Start(
        [
            Path.Combine(AppContext.BaseDirectory, "Platform.Silo.dll"), "--urls", $"http://127.0.0.1:{port}",
            .. ClusterSettings(connectionString),
            $"--Platform:Cluster:SiloPort={ports.Silo}", $"--Platform:Cluster:ClientPort={ports.Client}", $"--Platform:Cluster:SiloName={name}",
            "--Platform:Storage:MigrateOnStart=false", "--Logging:LogLevel:Default=Warning", "--Logging:Console:LogToStandardErrorThreshold=Warning",
            .. settings,
        ], name);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await AnswersAsync(http, "/health/ready"))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"silo {name} was not ready within 120 s; run src/Platform.Silo by hand with the same settings to see why");
            }

            await Task.Delay(200);
        }

        return new SiloProcess(process, name);
    }

    /// <summary>Applies the schema scripts to the cluster's database (the silo's <c>migrate</c> command), as the chart's Job does.</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        using var process = Start([Path.Combine(AppContext.BaseDirectory, "Platform.Silo.dll"), "migrate", .. ClusterSettings(connectionString)], "migrate");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the silo's migrate command failed ({process.ExitCode})");
        }
    }

    /// <summary>What every process of the cluster is given: PostgreSQL for state, reminders and membership.</summary>
    public static string[] ClusterSettings(string connectionString) =>
    [
        "--Platform:Storage:Mode=PostgreSql", $"--ConnectionStrings:Platform={connectionString}", "--Platform:Cluster:Mode=AdoNet",
        "--Platform:Cluster:AdvertisedIPAddress=127.0.0.1",
    ];

    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
    }

    public int ProcessId => _process.Id;

    /// <summary>Kills the process outright (SIGKILL): no shutdown, nothing flushed, its membership row left behind.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static Process Start(IEnumerable<string> arguments, string name)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Server GC, as the silo's container runs it, on this machine's few cores.
        start.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {e.Data}")); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(path)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
