using System.Net;
using System.Text;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.OpenApi;

/// <summary>The check every test's answers pass through (<see cref="ContractCheckingHandler"/>) can fail.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenApiContractTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_body_the_documented_schema_refuses_fails_the_request()
    {
        using var http = Answering(HttpStatusCode.OK, "application/json", """{"id": "t1", "unexpected": true}""");

        var violation = await Assert.ThrowsAsync<OpenApiContractViolationException>(() => http.GetAsync("/api/v1/tenants/t1"));

        Assert.Contains("TenantGet", violation.Message);
        Assert.Contains("unexpected", violation.Message);
    }

    [Fact]
    public async Task A_status_the_operation_does_not_document_fails_the_request()
    {
        using var http = Answering(HttpStatusCode.Gone, "application/problem+json", """{"title": "Gone", "status": 410}""");

        var violation = await Assert.ThrowsAsync<OpenApiContractViolationException>(() => http.GetAsync("/api/v1/tenants/t1"));

        Assert.Contains("410", violation.Message);
    }

    [Fact]
    public async Task A_content_type_the_operation_does_not_document_fails_the_request()
    {
        using var http = Answering(HttpStatusCode.OK, "text/html", "<p>hello</p>");

        var violation = await Assert.ThrowsAsync<OpenApiContractViolationException>(() => http.GetAsync("/api/v1/tenants"));

        Assert.Contains("text/html", violation.Message);
    }

    [Fact]
    public async Task A_body_where_the_document_declares_none_fails_the_request()
    {
        using var http = Answering(HttpStatusCode.NoContent, "text/csv", "code\n430000\n");

        var violation = await Assert.ThrowsAsync<OpenApiContractViolationException>(() => http.DeleteAsync("/api/v1/tenants/t1/identity-provider"));

        Assert.Contains("declares none", violation.Message);
    }

    [Fact]
    public async Task An_undeclared_etag_fails_the_request()
    {
        using var http = Answering(HttpStatusCode.OK, "application/json", "[]", etag: "\"1\"");

        var violation = await Assert.ThrowsAsync<OpenApiContractViolationException>(() => http.GetAsync("/api/v1/tenants"));

        Assert.Contains("ETag", violation.Message);
    }

    [Fact]
    public async Task A_problem_with_extensions_such_as_traceId_conforms()
    {
        using var http = Answering(HttpStatusCode.NotFound, "application/problem+json",
            """{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Not found", "status": 404, "detail": "no", "traceId": "00-abc-def-00"}""");

        using var response = await http.GetAsync("/api/v1/tenants/t1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Paths_the_document_does_not_describe_are_not_checked()
    {
        using var http = Answering(HttpStatusCode.OK, "text/plain", "Healthy");

        using var response = await http.GetAsync("/api/v1/no-such-route");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_gateway_s_own_answers_conform()
    {
        var tenant = await fixture.CreateTenantAsync();

        using var read = await fixture.Http.GetAsync($"/api/v1/tenants/{tenant}");
        using var missing = await fixture.Http.GetAsync($"/api/v1/tenants/{tenant}/nodes/NOPE-1");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Every_client_the_fixture_hands_out_checks_its_answers()
    {
        var contract = await fixture.Gateway.Contract.GetAsync(CancellationToken.None);
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        using var viewer = await fixture.CreateAccountAsync(tenant, Domain.Identity.Role.Viewer, SmallProvince.Root);
        using var anonymous = fixture.Anonymous();

        foreach (var http in new[] { fixture.Http, viewer.Http, anonymous })
        {
            var before = contract.Checked;
            using var response = await http.GetAsync($"/api/v1/tenants/{tenant}");
            Assert.True(contract.Checked > before, $"an answer ({response.StatusCode}) was not checked");
        }
    }

    /// <summary>A client whose every request gets this answer, checked against the gateway's real document.</summary>
    private HttpClient Answering(HttpStatusCode status, string mediaType, string body, string? etag = null) =>
        new(new ContractCheckingHandler(fixture.Gateway.Contract.GetAsync)
        {
            InnerHandler = new FixedAnswer(() =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
                if (etag is not null)
                {
                    response.Headers.TryAddWithoutValidation("ETag", etag);
                }

                return response;
            }),
        })
        { BaseAddress = fixture.Gateway.Address };

    private sealed class FixedAnswer(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }
}
