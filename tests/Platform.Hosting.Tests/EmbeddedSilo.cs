using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Hosting.Tests;

/// <summary>A real embedded silo over a real SQLite file, started and stopped like the product's host.</summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="configure">Test-only service changes applied after the product's (e.g. reminder options).</param>
    public static Task<EmbeddedSilo> StartAsync(string databasePath, Action<IServiceCollection>? configure = null) =>
        StartAsync(new Dictionary<string, string?> { ["Platform:Sqlite:Path"] = databasePath }, configure);

    /// <summary>The same silo with grain state and reminders in PostgreSQL.</summary>
    /// <param name="settings">Further configuration, e.g. <c>Platform:Cluster:Mode</c>.</param>
    public static Task<EmbeddedSilo> StartOnPostgreSqlAsync(string connectionString, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null) =>
        StartAsync(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Platform:Storage:Mode"] = "PostgreSql",
            ["ConnectionStrings:Platform"] = connectionString,
        }, configure);

    private static async Task<EmbeddedSilo> StartAsync(Dictionary<string, string?> storage, Action<IServiceCollection>? configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(storage);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:Cluster:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Platform:Cluster:ClientPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Platform:Rollup:ReportInterval"] = "00:00:00.020",
        });
        builder.AddPlatformSilo();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
