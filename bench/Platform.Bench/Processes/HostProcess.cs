using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Bench.Processes;

/// <summary>
/// One of the platform's programs (<c>dotnet Platform.Gateway.dll</c>, <c>dotnet Platform.Silo.dll</c>, from the
/// build output beside this assembly) in a process of its own, with an HTTP port on 127.0.0.1 for its probes, and the
/// ways an orchestrator stops it: SIGTERM (graceful) or SIGKILL. Its error output (warnings and up) is copied to this
/// process's, each line prefixed with <see cref="Name"/>.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;

    private HostProcess(Process process, string name, Uri address)
    {
        _process = process;
        Name = name;
        Address = address;
    }

    /// <summary>What it is called in the output, e.g. "silo-1".</summary>
    public string Name { get; }

    /// <summary>Its HTTP address (the gateway's API, the silo's probes).</summary>
    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>Starts <paramref name="assembly"/> (a file name beside this assembly) in <paramref name="folder"/> on a
    /// free loopback HTTP port, and returns once <paramref name="waitFor"/> answers 2xx.</summary>
    /// <param name="timeout">How long it may take to answer (120 s unless given): a whole cluster restarting on a busy
    /// machine takes longer.</param>
    public static async Task<HostProcess> StartAsync(string name, string assembly, string folder, string waitFor, IEnumerable<string> settings, TimeSpan? timeout = null)
    {
        var startTimeout = timeout ?? StartTimeout;
        Directory.CreateDirectory(folder);
        var port = Ports.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, assembly), "--urls", $"http://127.0.0.1:{port}" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"  {name}: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new HostProcess(process, name, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow + startTimeout;
        while (!await host.AnswersAsync(waitFor))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await host.KillAsync();
                throw new InvalidOperationException(
                    $"{name} did not answer {waitFor} within {startTimeout.TotalSeconds:F0} s (exit code {(process.HasExited ? process.ExitCode : "none")}); its warnings are above, or run it by hand to see why");
            }

            await Task.Delay(200);
        }

        return host;
    }

    /// <summary>Whether <paramref name="path"/> answers 2xx now.</summary>
    public async Task<bool> AnswersAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            return (await http.GetAsync(path)).IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process outright (SIGKILL): no shutdown hooks, no flushing, no goodbye to the cluster.</summary>
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
}
