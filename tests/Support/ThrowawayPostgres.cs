using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A PostgreSQL server of its own on 127.0.0.1, from the Debian packages (<c>apt-get install postgresql</c>), in a
/// temporary folder, removed afterwards. Run as root, it runs the server as the <c>postgres</c> user, which refuses root.
/// Shared by the benchmark and the hosting tests (compiled into each, linked from tests/Support).
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly int _port;

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        _port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=bench;Database=postgres;Maximum Pool Size=64";
    }

    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run `apt-get install -y postgresql` (.ci/run does), or give the benchmark --postgres with a connection string.");
        var folder = Path.Combine(Path.GetTempPath(), "platform-pg", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "postgres:postgres", folder);
        }

        var data = Path.Combine(folder, "data");
        await RunAsServerUserAsync(Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "bench", "--no-sync", "-E", "UTF8");
        var port = FreePort();
        // max_connections: each silo process pools up to Maximum Pool Size connections for its grain storage and as many
        // for its membership; three silos and their replacements exceeded the default 100 ("too many clients already").
        await RunAsServerUserAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "start", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c shared_buffers=256MB -c max_connections=400");
        return new ThrowawayPostgres(bin, folder, port);
    }

    /// <summary>A new empty database on this server, for a test that must not see another's tables.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await RunAsync(Path.Combine(_bin, "createdb"), "-h", "127.0.0.1", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "bench", name);
        return ConnectionString.Replace("Database=postgres", $"Database={name}", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsServerUserAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsServerUserAsync(params string[] command) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", .. command]) : RunAsync(command[0], command[1..]);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
