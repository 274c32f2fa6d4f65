using System.Net.Http.Json;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// One <see cref="LoopbackGateway"/> shared by the tests of a collection, without the demo, with fast rollups.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private LoopbackGateway? _gateway;

    public HttpClient Http => _gateway!.Http;

    public async Task InitializeAsync() =>
        _gateway = await LoopbackGateway.StartAsync("--Platform:Seed:Demo=false", "--Platform:Rollup:ReportInterval=00:00:00.020");

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
