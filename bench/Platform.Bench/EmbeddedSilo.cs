using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting;

namespace Platform.Bench;

/// <summary>
/// A silo in the harness process on its own SQLite file, configured exactly as the platform's embedded mode configures
/// it (grain state and reminders in SQLite), so grain calls can be measured without HTTP in between.
/// </summary>
public static class EmbeddedSilo
{
    /// <param name="logs">Where the silo's log lines go; none when null, so the harness output stays readable.</param>
    public static async Task<IHost> StartAsync(string databasePath, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:Sqlite:Path"] = databasePath,
            ["Platform:Cluster:SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Platform:Cluster:ClientPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        });
        builder.AddPlatformSilo();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
