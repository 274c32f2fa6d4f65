using System.Net;
using System.Net.Http.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Hardening;

[Collection(GatewayCollection.Name)]
public sealed class SecurityHeadersTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Tenant_data_is_answered_with_nosniff_no_framing_no_referrer_no_store_and_no_server_banner()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        foreach (var path in new[] { $"/api/v1/tenants/{tenant}", $"/api/v1/tenants/{tenant}/nodes/430000", $"/api/v1/tenants/{tenant}/nodes/nope", "/api/v1/tenants/none" })
        {
            var response = await Http.GetAsync(path);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            var policy = Header(response, "Content-Security-Policy");
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.False(response.Headers.Contains("Server"), $"{path} names its server: {string.Join(",", response.Headers.Server)}");
        }

        // A sign-in answer carries tokens: never stored either, whatever it answers.
        var signIn = await Http.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username = "nobody", password = "x" });
        Assert.Equal("no-store", signIn.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_api_reference_may_load_its_own_script_and_styles_but_nothing_may_frame_it()
    {
        var page = await Http.GetAsync("/scalar/v1");
        page.EnsureSuccessStatusCode();
        var html = await page.Content.ReadAsStringAsync();
        var policy = Header(page, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);

        // Every script the page names is served by the gateway itself, so 'self' covers it.
        foreach (var script in new[] { "scalar.js", "scalar.aspnetcore.js" })
        {
            Assert.Contains($"src=\"{script}\"", html, StringComparison.Ordinal);
            var served = await Http.GetAsync($"/scalar/{script}");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task The_diagnostics_hooks_are_not_there_unless_configured()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/diagnostics/memory")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync("/diagnostics/deactivate-all", null)).StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
