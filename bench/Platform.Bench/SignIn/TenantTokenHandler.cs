using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Bench.SignIn;

/// <summary>
/// Signs every request in as whoever may make it, so code written before sign-in existed runs authenticated unchanged:
/// the operator's token on the operator's routes (listing tenants, creating one, suspending and resuming); a branch's
/// own secretary's on its self-assessment and appeal, a reviewer of the city the draw assigned on a cross-check
/// (neither is a tenant admin's to make); and on any other request under <c>/api/v1/tenants/{tenant}</c> the token of
/// that tenant's admin. It learns each admin from the answer that created the tenant (its one-time password, which the
/// admin's session then changes), and creates the secretaries and reviewers it needs through that admin on first use.
/// A request that already carries an Authorization header is sent as it is.
/// </summary>
public sealed class TenantTokenHandler(Session @operator, HttpClient auth) : DelegatingHandler
{
    private const string Tenants = "/api/v1/tenants";
    private readonly ConcurrentDictionary<string, Session> _admins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, string Username), Lazy<Task<Session?>>> _people = new();

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
        if (tenant is not null && session is not null && !creating && await BranchActorAsync(tenant, request.Method, rest, session, cancellationToken) is { } actor)
        {
            session = actor;
        }

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

    /// <summary>Who makes a branch's own command: its secretary for a self-assessment or an appeal, a reviewer of the
    /// assigned city for a cross-check; null for every other request, and when the branch or assignment cannot be found
    /// (the request then goes as the admin's, to be refused as such).</summary>
    private async Task<Session?> BranchActorAsync(string tenant, HttpMethod method, string rest, Session admin, CancellationToken cancellationToken)
    {
        var parts = rest.Split('/');
        if (parts is not ["", "campaigns", var campaign, "branches", var code, var command] || code.Length == 0)
        {
            return null;
        }

        code = Uri.UnescapeDataString(code);
        if ((method == HttpMethod.Put && command == "self-assessment") || (method == HttpMethod.Post && command == "appeal"))
        {
            return await PersonAsync(tenant, $"secretary-{code}", "branchSecretary", code, admin, cancellationToken);
        }

        if (method != HttpMethod.Put || command != "cross-check")
        {
            return null;
        }

        using var read = new HttpRequestMessage(HttpMethod.Get, $"{Tenants}/{tenant}/campaigns/{campaign}/branches/{Uri.EscapeDataString(code)}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await admin.AccessTokenAsync(cancellationToken));
        using var entry = await auth.SendAsync(read, cancellationToken);
        if (!entry.IsSuccessStatusCode
            || !JsonDocument.Parse(await entry.Content.ReadAsStringAsync(cancellationToken)).RootElement.TryGetProperty("crossCheck", out var check)
            || check.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var city = check.GetProperty("reviewerCity").GetString()!;
        return await PersonAsync(tenant, $"reviewer-{city}", "reviewer", city, admin, cancellationToken);
    }

    /// <summary>An account of the tenant, created (or, when an earlier run created it, given a new one-time password)
    /// through its admin on first use; null when the admin may not create it (a scope that is no node).</summary>
    private Task<Session?> PersonAsync(string tenant, string username, string role, string scope, Session admin, CancellationToken cancellationToken) =>
        _people.GetOrAdd((tenant, username), _ => new Lazy<Task<Session?>>(async () =>
        {
            var token = await admin.AccessTokenAsync(cancellationToken);
            using var create = new HttpRequestMessage(HttpMethod.Post, $"{Tenants}/{tenant}/accounts")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { username, displayName = username, role, scopeCode = scope }),
            };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var created = await auth.SendAsync(create, cancellationToken);
            var answer = created;
            HttpResponseMessage? reset = null;
            if (created.StatusCode == HttpStatusCode.Conflict)
            {
                using var again = new HttpRequestMessage(HttpMethod.Post, $"{Tenants}/{tenant}/accounts/{username}/password-reset");
                again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                answer = reset = await auth.SendAsync(again, cancellationToken);
            }

            using (reset)
            {
                if (!answer.IsSuccessStatusCode)
                {
                    return null;
                }

                var password = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("oneTimePassword").GetString()!;
                return new Session(auth, tenant, username, password);
            }
        })).Value;

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
