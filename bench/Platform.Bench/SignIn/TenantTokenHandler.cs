using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Bench.SignIn;

/// <summary>
/// Signs every request in as whoever may make it, so code written before sign-in existed runs authenticated unchanged:
/// the operator's token on the operator's routes (listing tenants, creating one, suspending and resuming), and on any
/// other request under <c>/api/v1/tenants/{tenant}</c> the token of that tenant's admin. It learns each admin from the
/// answer that created the tenant (its one-time password, which the admin's session then changes). A request that
/// already carries an Authorization header is sent as it is.
/// </summary>
public sealed class TenantTokenHandler(Session @operator, HttpClient auth) : DelegatingHandler
{
    private const string Tenants = "/api/v1/tenants";
    private readonly ConcurrentDictionary<string, Session> _admins = new(StringComparer.Ordinal);

    public Session Operator { get; } = @operator;

    /// <summary>The admin session of a tenant this handler saw created, if any.</summary>
    public Session? AdminOf(string tenant) => _admins.GetValueOrDefault(tenant);

    public void Register(string tenant, Session admin) => _admins[tenant] = admin;

    /// <summary>Finds the admin of a tenant this handler did not see created (the demo's, written to the credentials
    /// file after the start); null when there is none.</summary>
    public Func<string, Session?>? Discover { get; init; }

    /// <summary>Every tenant admin known, by tenant.</summary>
    public IEnumerable<KeyValuePair<string, Session>> Admins => _admins;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var (tenant, rest) = Split(request.RequestUri?.AbsolutePath ?? "");

        var creating = request.Method == HttpMethod.Put && tenant is not null && rest == "" && AdminFor(tenant) is null;
        var path = request.RequestUri?.AbsolutePath ?? "";
        var session = tenant is null
            ? (path is Tenants or Tenants + "/" ? Operator : null)
            : (creating || rest is "/suspend" or "/resume" ? Operator : AdminFor(tenant));
        if (session is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await session.AccessTokenAsync(cancellationToken));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (creating && response.StatusCode == HttpStatusCode.Created)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("initialAdmin");
            Register(tenant!, new Session(auth, tenant, created.GetProperty("username").GetString()!, created.GetProperty("password").GetString()!));
        }

        return response;
    }

    private Session? AdminFor(string tenant)
    {
        if (_admins.TryGetValue(tenant, out var known))
        {
            return known;
        }

        return Discover?.Invoke(tenant) is { } found ? _admins.GetOrAdd(tenant, found) : null;
    }

    /// <summary>The tenant of a path under /api/v1/tenants/{tenant} and what follows it ("" for the tenant itself).</summary>
    private static (string? Tenant, string Remainder) Split(string path)
    {
        if (!path.StartsWith(Tenants + "/", StringComparison.Ordinal))
        {
            return (null, path);
        }

        var after = path[(Tenants.Length + 1)..];
        var slash = after.IndexOf('/', StringComparison.Ordinal);
        var tenant = Uri.UnescapeDataString(slash < 0 ? after : after[..slash]);
        return tenant.Length == 0 ? (null, path) : (tenant, slash < 0 ? "" : after[slash..]);
    }
}
