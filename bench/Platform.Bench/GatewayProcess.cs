using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Bench;

/// <summary>
/// The platform as a newcomer runs it: its own process, the embedded silo, a SQLite file in <paramref name="folder"/>.
/// Used by the benchmark and by the tests that kill the process to prove nothing acknowledged is lost.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, Uri address, string folder)
    {
        _process = process;
        Address = address;
        Folder = folder;
    }

    public Uri Address { get; }

    /// <summary>Where its database and its initial credentials are.</summary>
    public string Folder { get; }

    /// <summary>Clients that sign in with the credentials the gateway's first start wrote to <see cref="Folder"/>;
    /// <paramref name="previous"/>, those of an earlier run in the same folder, lends its tenant admins.</summary>
    public Task<SignIn.PlatformClients> ClientsAsync(SignIn.PlatformClients? previous = null) =>
        SignIn.PlatformClients.ForFolderAsync(Folder, Address, previous);

    public int ProcessId => _process.Id;

    /// <summary>Starts the gateway on a free loopback port and waits until it is ready.</summary>
    public static Task<GatewayProcess> StartAsync(string folder, params string[] settings) => StartAsync(folder, "/health/ready", settings);

    /// <summary>Starts the gateway and returns as soon as it answers at all (liveness), before it is ready.</summary>
    public static Task<GatewayProcess> StartLiveAsync(string folder, params string[] settings) => StartAsync(folder, "/health/live", settings);

    private static async Task<GatewayProcess> StartAsync(string folder, string waitFor, string[] settings)
    {
        Directory.CreateDirectory(folder);
        var port = Ports.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Platform.Gateway.dll"), "--urls", $"http://127.0.0.1:{port}",
            "--Platform:Seed:Demo=false", $"--Platform:Sqlite:Path={Path.Combine(folder, "platform.db")}",
            $"--Platform:SiloPort={Ports.Free()}", $"--Platform:GatewayPort={Ports.Free()}", "--Logging:LogLevel:Default=Warning",
            "--Logging:Console:LogToStandardErrorThreshold=Warning",
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"  gateway: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AnswersAsync(http, waitFor))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"the gateway did not answer {waitFor} within 60 s; run it by hand to see why");
            }

            await Task.Delay(200);
        }

        return new GatewayProcess(process, address, folder);
    }

    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>Kills the process outright (SIGKILL): no shutdown hooks, no flushing.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Asks the process to stop as an orchestrator does (SIGTERM): the host shuts down gracefully.</summary>
    /// <returns>Whether it exited within <paramref name="timeout"/>.</returns>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        const int SigTerm = 15;
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"could not send SIGTERM to process {_process.Id} (errno {Marshal.GetLastPInvokeError()})");
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

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
