using System.Net;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class PrometheusPortTests(TelemetryFixture fixture)
{
    [Fact]
    public async Task With_a_metrics_port_the_scrape_answers_there_and_not_on_the_api_port()
    {
        Assert.NotEqual(fixture.MetricsPort, fixture.Gateway.Address.Port);

        using var api = fixture.Gateway.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/live")).StatusCode);

        using var metrics = fixture.Metrics();
        Assert.Contains("http_server_request_duration_seconds_count", (await PrometheusScrape.ReadAsync(metrics)).Names);
    }
}

[Collection(GatewayCollection.Name)]
public sealed class PrometheusDefaultTests(GatewayFixture fixture)
{
    /// <summary>Only the answer's form: other gateways of this process stop meanwhile, and OpenTelemetry then drops
    /// metrics of theirs and ours alike (see <see cref="TelemetryCollection"/>); the content is the telemetry tests'.</summary>
    [Fact]
    public async Task By_default_the_scrape_is_served_on_the_http_port_without_a_token()
    {
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync());
    }
}
