using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Bench;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway with its embedded silo, in this process, on a loopback port and a fresh SQLite file in a folder of
/// its own, talked to over real HTTP. Disposing it stops the app and deletes the folder.
/// </summary>
public sealed class LoopbackGateway : IAsyncDisposable
{
    private readonly string _folder;
    private readonly WebApplication _app;

    private LoopbackGateway(string folder, WebApplication app, HttpClient http)
    {
        _folder = folder;
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    /// <param name="settings">Command-line settings after the defaults (file, ports, quiet logs), e.g. "--Platform:Seed:Demo=true".</param>
    public static async Task<LoopbackGateway> StartAsync(params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-gateway-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var app = PlatformApp.Create(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Platform:Sqlite:Path={Path.Combine(folder, "platform.db")}",
            $"--Platform:SiloPort={Ports.Free()}",
            $"--Platform:GatewayPort={Ports.Free()}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackGateway(folder, app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
