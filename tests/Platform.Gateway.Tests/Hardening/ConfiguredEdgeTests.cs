using System.Net;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Hardening;

/// <summary>What is off unless configured: CORS, trusting a proxy's forwarded headers, the diagnostics hooks.</summary>
public sealed class ConfiguredEdgeTests
{
    private const string Console = "https://console.example.edu.cn";

    [Fact]
    public async Task Without_configuration_no_origin_is_allowed_and_forwarded_addresses_are_ignored()
    {
        await using var gateway = await LoopbackGateway.StartAsync("--Platform:Seed:Demo=false", "--Platform:RateLimits:Address:Burst=5", "--Platform:RateLimits:Address:PerSecond=0.1");
        var preflight = await PreflightAsync(gateway.Http, Console);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        // Each request claims another client address; none is believed, so all share this one's five requests.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add(await ForwardedGetAsync(gateway.Http, $"203.0.113.{i + 1}"));
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Configured_origins_proxies_and_diagnostics_are_honoured()
    {
        await using var gateway = await LoopbackGateway.StartAsync(
            "--Platform:Seed:Demo=false", "--Platform:RateLimits:Address:Burst=5", "--Platform:RateLimits:Address:PerSecond=0.1",
            $"--Platform:Cors:Origins:0={Console}", "--Platform:ForwardedHeaders:KnownProxies:0=127.0.0.1", "--Platform:Diagnostics=true");

        var allowed = await PreflightAsync(gateway.Http, Console);
        Assert.Equal(Console, string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False((await PreflightAsync(gateway.Http, "https://evil.example")).Headers.Contains("Access-Control-Allow-Origin"));

        // Behind the trusted proxy every client is itself: eight clients, one request each, none limited.
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await ForwardedGetAsync(gateway.Http, $"203.0.113.{i + 1}"));
        }

        Assert.Equal(HttpStatusCode.OK, (await gateway.Http.GetAsync("/diagnostics/memory")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient http, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/tenants/demo/nodes/430000/move");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,if-match");
        return await http.SendAsync(request);
    }

    private static async Task<HttpStatusCode> ForwardedGetAsync(HttpClient http, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-For", client);
        return (await http.SendAsync(request)).StatusCode;
    }
}
