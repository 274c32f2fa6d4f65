using Platform.Bench.Imports;
using System.Net.Http.Json;
using Platform.Bench.SignIn;
using Platform.Domain.Identity;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// One <see cref="LoopbackGateway"/> shared by the tests of a collection, without the demo, with fast rollups.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private LoopbackGateway? _gateway;

    /// <summary>Signs each request in as the operator or, under a tenant created through it, as that tenant's admin.</summary>
    public HttpClient Http => _gateway!.Http;

    public LoopbackGateway Gateway => _gateway!;

    /// <summary>A client that sends no token.</summary>
    public HttpClient Anonymous() => Gateway.Anonymous();

    public async Task InitializeAsync() =>
        _gateway = await LoopbackGateway.StartAsync("--Platform:Seed:Demo=false", "--Platform:Rollup:ReportInterval=00:00:00.020",
            "--Platform:Auth:LockoutDuration=00:00:02");

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    /// <summary>Creates a tenant and imports a small province into it; returns the tenant's id.</summary>
    /// <param name="minimumPublicityDays">The tenant's minimum publicity (公示) before a campaign may become final; null
    /// leaves the default (5 days).</param>
    public async Task<string> CreateTenantAsync(string? csv = null, int? minimumPublicityDays = null)
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        var created = await Http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "测试省", minimumPublicityDays });
        created.EnsureSuccessStatusCode();
        if (csv is not null)
        {
            var imported = await Http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", csv);
            imported.EnsureSuccessStatusCode();
        }

        return tenant;
    }

    /// <summary>The tenant admin's session that <see cref="CreateTenantAsync"/> signed in.</summary>
    public Session AdminOf(string tenant) =>
        Gateway.Clients.Tokens.AdminOf(tenant) ?? throw new InvalidOperationException($"tenant '{tenant}' was not created through this fixture");

    /// <summary>Creates an account of <paramref name="role"/> scoped at <paramref name="scopeCode"/> (as the tenant's
    /// admin), and a client signed in as it on every request (its one-time password changed on first use).</summary>
    public async Task<SignedInAccount> CreateAccountAsync(string tenant, Role role, string scopeCode, string? username = null)
    {
        username ??= $"{role.ToApiName().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
        var created = await Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username, displayName = username, role = role.ToApiName(), scopeCode });
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"could not create {role} '{username}' at {scopeCode}: {await created.Content.ReadAsStringAsync()}");
        }

        var password = (await created.JsonAsync()).GetProperty("oneTimePassword").GetString()!;
        var session = Gateway.Clients.SessionOf(tenant, username, password);
        return new SignedInAccount(session, Gateway.Clients.CreateClient(session));
    }

    /// <summary>A client signed in as <paramref name="session"/> on every request.</summary>
    public HttpClient ClientFor(Session session) => Gateway.Clients.CreateClient(session);
}

/// <summary>An account and a client that sends its token on every request.</summary>
public sealed record SignedInAccount(Session Session, HttpClient Http) : IDisposable
{
    public void Dispose() => Http.Dispose();
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
