using System.Net;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

[Collection(GatewayCollection.Name)]
public sealed class HealthAndOpenApiTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Liveness_and_readiness_answer_ok_when_the_silo_and_storage_work()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health/live")).StatusCode);
        Assert.Equal("ready", (await (await _http.GetAsync("/health/ready")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_and_the_reference_page_is_served()
    {
        var document = await (await _http.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
        {
            "/api/v1/tenants/{tenant}", "/api/v1/tenants/{tenant}/nodes/{code}", "/api/v1/tenants/{tenant}/nodes/{code}/summary",
            "/api/v1/tenants/{tenant}/nodes/{code}/move", "/api/v1/tenants/{tenant}/orgs/{code}/assessment",
            "/api/v1/tenants/{tenant}/framework", "/api/v1/tenants/{tenant}/framework/versions", "/api/v1/tenants/{tenant}/imports/hierarchy",
            "/api/v1/tenants/{tenant}/imports/{importId}", "/api/v1/tenants/{tenant}/imports/{importId}/rejections",
        })
        {
            Assert.Contains(path, paths);
        }

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/scalar/v1")).StatusCode);
    }
}
