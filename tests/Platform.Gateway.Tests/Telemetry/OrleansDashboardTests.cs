using System.Net;
using System.Net.Http.Headers;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class OrleansDashboardTests(TelemetryFixture fixture)
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/dashboard/Trace")]
    public async Task The_dashboard_is_refused_to_an_anonymous_caller(string path)
    {
        using var anonymous = fixture.Gateway.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_refused_to_a_tenant_admin()
    {
        using var http = await SignedInAsync(fixture.Gateway, fixture.Gateway.Clients.Tokens.AdminOf(fixture.Tenant)!);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    [Fact]
    public async Task The_operator_reads_the_dashboard_and_its_counters()
    {
        using var http = await SignedInAsync(fixture.Gateway, fixture.Gateway.Clients.Tokens.Operator);
        var page = await http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var counters = await (await http.GetAsync("/dashboard/DashboardCounters")).JsonAsync();
        Assert.True(counters.GetProperty("totalActiveHostCount").GetInt32() >= 1, counters.ToString());
    }

    /// <summary>A client that sends <paramref name="session"/>'s token on every request, whatever the path.</summary>
    internal static async Task<HttpClient> SignedInAsync(LoopbackGateway gateway, Platform.Bench.SignIn.Session session)
    {
        var http = new HttpClient { BaseAddress = gateway.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await session.AccessTokenAsync());
        return http;
    }
}

[Collection(GatewayCollection.Name)]
public sealed class OrleansDashboardOffTests(GatewayFixture fixture)
{
    [Fact]
    public async Task The_dashboard_is_not_served_unless_enabled()
    {
        using var anonymous = fixture.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        using var @operator = await OrleansDashboardTests.SignedInAsync(fixture.Gateway, fixture.Gateway.Clients.Tokens.Operator);
        Assert.Equal(HttpStatusCode.NotFound, (await @operator.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }
}
