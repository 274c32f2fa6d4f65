using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Gateway.Identity;

namespace Platform.Bench.SignIn;

/// <summary>
/// HTTP clients for a gateway started in a folder: they sign in with the credentials its first start wrote to
/// <c>initial-credentials.json</c> there.
/// </summary>
public sealed class PlatformClients : IDisposable
{
    private readonly HttpClient _auth;
    private readonly Func<HttpMessageHandler> _transport;

    private PlatformClients(Uri address, string path, IReadOnlyList<InitialCredential> credentials, Func<HttpMessageHandler>? transport)
    {
        Address = address;
        Credentials = credentials;
        _transport = transport ?? (() => new SocketsHttpHandler());
        _auth = new HttpClient(_transport()) { BaseAddress = address };
        var @operator = credentials.Single(c => c.Tenant is null && c.Role == "operator");
        Tokens = new TenantTokenHandler(new Session(_auth, null, @operator.Username, @operator.Password), _auth)
        {
            InnerHandler = _transport(),
            Discover = tenant => TenantAdminIn(path, tenant) is { } admin ? SessionOf(tenant, admin.Username, admin.Password) : null,
        };
    }

    /// <summary>A tenant admin the file names for <paramref name="tenant"/> (the demo's is written once it is seeded).</summary>
    private static InitialCredential? TenantAdminIn(string path, string tenant)
    {
        var file = JsonSerializer.Deserialize<InitialCredentialsFile>(File.ReadAllText(path), JsonSerializerOptions.Web);
        return file?.Accounts.FirstOrDefault(c => c.Tenant == tenant && c.Role == "tenantAdmin");
    }

    public Uri Address { get; }

    /// <summary>What the file held when read.</summary>
    public IReadOnlyList<InitialCredential> Credentials { get; }

    /// <summary>Attaches the operator's and the tenant admins' tokens (see <see cref="TenantTokenHandler"/>).</summary>
    public TenantTokenHandler Tokens { get; }

    /// <summary>Reads the credentials file of <paramref name="folder"/>, waiting up to 30 s for it to appear.</summary>
    /// <param name="previous">The clients of an earlier run of the same gateway (the same folder): the tenant admins they
    /// learned, with the passwords they now have, carry over.</param>
    /// <param name="transport">Makes the handler every client sends through (the tests' checks that each answer matches
    /// the OpenAPI document); a plain socket handler by default.</param>
    public static async Task<PlatformClients> ForFolderAsync(
        string folder, Uri address, PlatformClients? previous = null, Func<HttpMessageHandler>? transport = null)
    {
        var clients = await ReadFolderAsync(folder, address, transport);
        foreach (var (tenant, admin) in previous?.Tokens.Admins ?? [])
        {
            clients.Tokens.Register(tenant, clients.SessionOf(tenant, admin.Username, admin.Password));
        }

        return clients;
    }

    private static async Task<PlatformClients> ReadFolderAsync(string folder, Uri address, Func<HttpMessageHandler>? transport)
    {
        var path = Path.Combine(folder, InitialCredentials.FileName);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"no {path}: the gateway writes it on its first start");
            }

            await Task.Delay(100);
        }

        return new PlatformClients(address, path, await ReadAsync(path), transport);
    }

    public static async Task<IReadOnlyList<InitialCredential>> ReadAsync(string path)
    {
        var file = JsonSerializer.Deserialize<InitialCredentialsFile>(await File.ReadAllTextAsync(path), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{path} is empty");
        return file.Accounts;
    }

    /// <summary>A client that signs every request in as the operator or the tenant's admin, as its path needs.</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null) =>
        new(Tokens, disposeHandler: false) { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(100) };

    /// <summary>A client signed in as one account, on every request.</summary>
    public HttpClient CreateClient(Session session, TimeSpan? timeout = null) =>
        new(new BearerHandler(session) { InnerHandler = _transport() }) { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(100) };

    /// <summary>A session of one account, signed in on first use.</summary>
    public Session SessionOf(string? tenant, string username, string password) => new(_auth, tenant, username, password);

    public void Dispose()
    {
        Tokens.Dispose();
        _auth.Dispose();
    }

    private sealed class BearerHandler(Session session) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await session.AccessTokenAsync(cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
