using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Bench;
using Platform.Bench.SignIn;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway with its embedded silo, in this process, on a loopback port and a fresh SQLite file in a folder of
/// its own, talked to over real HTTP. <see cref="Http"/> signs in with the credentials the first start wrote to that
/// folder (the operator, and each tenant's admin once the tenant is created through it). Disposing it stops the app
/// and deletes the folder.
/// </summary>
public sealed class LoopbackGateway : IAsyncDisposable
{
    private readonly string _folder;
    private readonly bool _ownsFolder;
    private readonly WebApplication _app;

    private LoopbackGateway(string folder, bool ownsFolder, WebApplication app, PlatformClients clients, ContractSource contract)
    {
        Contract = contract;
        _folder = folder;
        _ownsFolder = ownsFolder;
        _app = app;
        Clients = clients;
        Http = clients.CreateClient();
    }

    /// <summary>Signs each request in as the operator or the tenant's admin, as its path needs.</summary>
    public HttpClient Http { get; }

    public PlatformClients Clients { get; }

    /// <summary>The OpenAPI document this gateway serves: every client handed out here checks each answer against it
    /// and throws <see cref="OpenApiContractViolationException"/> on one the document does not allow.</summary>
    public ContractSource Contract { get; }

    public string Folder => _folder;

    public Uri Address => Clients.Address;

    /// <summary>A client that sends no token: what anyone on the network can do.</summary>
    public HttpClient Anonymous() => new(Contract.Transport()) { BaseAddress = Address };

    /// <param name="settings">Command-line settings after the defaults (file, ports, quiet logs), e.g. "--Platform:Seed:Demo=true".</param>
    public static Task<LoopbackGateway> StartAsync(params string[] settings) =>
        StartAsync(Path.Combine(Path.GetTempPath(), "platform-gateway-tests", Guid.NewGuid().ToString("N")), ownsFolder: true, null, settings);

    /// <summary>Starts on the database in <paramref name="folder"/>, which outlives this gateway (to start it again).</summary>
    public static Task<LoopbackGateway> StartInAsync(string folder, params string[] settings) => StartAsync(folder, ownsFolder: false, null, settings);

    /// <summary>Starts with every log line also sent to <paramref name="logs"/>.</summary>
    public static Task<LoopbackGateway> StartLoggingAsync(ILoggerProvider logs, params string[] settings) =>
        StartAsync(Path.Combine(Path.GetTempPath(), "platform-gateway-tests", Guid.NewGuid().ToString("N")), ownsFolder: true, logs, settings);

    private static async Task<LoopbackGateway> StartAsync(string folder, bool ownsFolder, ILoggerProvider? logs, string[] settings)
    {
        Directory.CreateDirectory(folder);
        var app = PlatformApp.Create(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Platform:Sqlite:Path={Path.Combine(folder, "platform.db")}",
            $"--Platform:Cluster:SiloPort={Ports.Free()}",
            $"--Platform:Cluster:ClientPort={Ports.Free()}",
            "--Logging:LogLevel:Default=Warning",
            // A tenth of the production hashing work: the tests sign in hundreds of times, and what they prove does not
            // depend on the cost.
            "--Platform:Auth:PasswordHashing:IterationCount=10000",
            // The tests of a collection share one gateway, one operator and one address (127.0.0.1), and hammer it: far
            // past what one person or address may do in production. The rate limit tests give the limits they prove.
            .. Unlimited("Account"), .. Unlimited("Address"), .. Unlimited("SignInAddress"), .. Unlimited("TenantCreation"),
            .. settings,
        ], logs);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var contract = new ContractSource(new Uri(address));
        return new LoopbackGateway(folder, ownsFolder, app, await PlatformClients.ForFolderAsync(folder, new Uri(address), transport: contract.Transport), contract);
    }

    private static string[] Unlimited(string limit) =>
        [$"--Platform:RateLimits:{limit}:Burst=1000000", $"--Platform:RateLimits:{limit}:PerSecond=1000000"];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Clients.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Platform.Testing.SqlitePools.Release(Path.Combine(_folder, "platform.db"));
        if (_ownsFolder)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
