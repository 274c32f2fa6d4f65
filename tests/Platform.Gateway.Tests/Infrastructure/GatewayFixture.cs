using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Bench;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway with its embedded silo, on a loopback port and a fresh SQLite file, talked to over real HTTP.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-gateway-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _app = PlatformApp.Create(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Platform:Sqlite:Path={Path.Combine(_folder, "platform.db")}",
            "--Platform:Seed:Demo=false",
            $"--Platform:SiloPort={Ports.Free()}",
            $"--Platform:GatewayPort={Ports.Free()}",
            "--Platform:Rollup:ReportInterval=00:00:00.020",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Creates a tenant and imports a small province into it; returns the tenant's id.</summary>
    public async Task<string> CreateTenantAsync(string? csv = null)
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        var created = await Http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "测试省" });
        created.EnsureSuccessStatusCode();
        if (csv is not null)
        {
            var imported = await Http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
            imported.EnsureSuccessStatusCode();
        }

        return tenant;
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
