using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>
/// Bodies that used to be half-read: nulls where values belong, numbers a decimal cannot hold, keys sent twice, bodies
/// larger than the route takes. Each is refused with a 400 (or 413) naming the field, and nothing is stored.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BadBodyTests(GatewayFixture fixture)
{
    private const string Branch = "9430103001-01";
    private readonly HttpClient _http = fixture.Http;

    [Theory]
    [InlineData("""{"counts":{"2.1":null}}""", "counts.2.1")]
    [InlineData("""{"vetoes":["V1",null]}""", "vetoes[1]")]
    [InlineData("""{"scores":{"1.1":null}}""", "scores.1.1")]
    [InlineData("""{"facts":{"1.4":null}}""", "facts.1.4")]
    public async Task A_null_in_an_assessment_is_refused_naming_it(string body, string field)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/orgs/{Branch}/assessment", body)).AssertFieldProblemAsync(field);
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/orgs/{Branch}/assessment")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("dimensions", 0, "dimensions[0]")]
    [InlineData("indicators", 2, "dimensions[0].indicators[2]")]
    [InlineData("bands", 1, "bands[1]")]
    [InlineData("gates", 0, "bands[4].gates[0]")]
    [InlineData("vetoes", 3, "vetoes[3]")]
    public async Task A_null_in_a_framework_version_is_refused_naming_it(string list, int at, string field)
    {
        var tenant = await fixture.CreateTenantAsync();
        var response = await _http.GetAsync($"/api/v1/tenants/{tenant}/framework");
        var draft = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var target = list switch
        {
            "indicators" => draft["dimensions"]![0]!["indicators"]!.AsArray(),
            "gates" => draft["bands"]![4]!["gates"]!.AsArray(),
            _ => draft[list]!.AsArray(),
        };
        target[at] = null;

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenant}/framework/versions") { Content = JsonContent.Create(draft) };
        request.Headers.IfMatch.Add(response.Headers.ETag!);
        await (await _http.SendAsync(request)).AssertFieldProblemAsync(field);
        Assert.Equal(1, (await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions")).JsonAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("self-assessment", """{"counts":{"2.1":null}}""", "counts.2.1")]
    [InlineData("self-assessment", """{"evidence":{"2.1":null}}""", "evidence.2.1")]
    [InlineData("self-assessment", """{"vetoes":[null]}""", "vetoes[0]")]
    [InlineData("review", """{"scores":{"2.1":1},"reasons":{"2.1":null}}""", "reasons.2.1")]
    [InlineData("review", """{"vetoes":[null],"reasons":{"vetoes":"x"}}""", "vetoes[0]")]
    [InlineData("cross-check", """{"reasons":{"2.1":null}}""", "reasons.2.1")]
    [InlineData("appeal", """{"indicators":["2.1",null],"reason":"x"}""", "indicators[1]")]
    [InlineData("appeal/decision", """{"upheld":true,"reason":"x","reasons":{"2.1":null}}""", "reasons.2.1")]
    [InlineData("appeal/decision", """{"upheld":true,"reason":"x","vetoes":["V1",null]}""", "vetoes[1]")]
    public async Task A_null_in_a_campaign_command_is_refused_naming_it(string command, string body, string field)
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var method = command == "appeal" ? HttpMethod.Post : HttpMethod.Put;
        await (await SendAsync(method, $"/api/v1/tenants/{tenant}/campaigns/c1/branches/9430102001-01/{command}", body)).AssertFieldProblemAsync(field);
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"annualStarRating","scope":["430000",null]}""", "scope[1]")]
    [InlineData("""{"name":"x","kind":"annualStarRating","scope":["430000"],"deadlines":{"selfAssessment":null}}""", "deadlines.selfAssessment")]
    [InlineData("""{"name":"x","kind":"annualStarRating","scope":["430000"],"quotas":{"maxShares":{"star5":null}}}""", "quotas.maxShares.star5")]
    [InlineData("""{"name":"x","kind":"annualStarRating","scope":["430000"],"crossCheck":{"sampleRate":0.1000000000000000000000000000001}}""", "crossCheck.sampleRate")]
    public async Task A_null_or_inexact_number_in_a_new_campaign_is_refused_naming_it(string body, string field)
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        await (await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/campaigns", body)).AssertFieldProblemAsync(field);
        Assert.Equal(0, (await (await _http.GetAsync($"/api/v1/tenants/{tenant}/campaigns")).JsonAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("2.999999999999999999999999999999")]
    [InlineData("0.1000000000000000000000000000001")]
    [InlineData("1e-400")]
    [InlineData("1e400")]
    [InlineData("123456789012345678901234567890123456789")]
    public async Task A_score_a_decimal_cannot_hold_exactly_is_refused_not_rounded(string number)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var url = $"/api/v1/tenants/{tenant}/orgs/{Branch}/assessment";
        var problem = await (await SendAsync(HttpMethod.Put, url, $$$"""{"scores":{"1.1":{{{number}}}}}""")).AssertFieldProblemAsync("scores.1.1");
        Assert.Contains("exactly", problem.GetProperty("errors").GetProperty("scores.1.1")[0].GetString(), StringComparison.Ordinal);
        await (await _http.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_number_with_trailing_zeros_is_the_same_number_and_accepted()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var stored = await (await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/orgs/{Branch}/assessment", """{"scores":{"1.1":2.500000000000000000000000000000000,"1.2":15e-1}}""")).JsonAsync();
        Assert.Equal(2.5m, stored.GetProperty("scores").GetProperty("1.1").GetDecimal());
        Assert.Equal(1.5m, stored.GetProperty("scores").GetProperty("1.2").GetDecimal());
    }

    [Theory]
    [InlineData("""{"scores":{"1.1":1,"1.1":2}}""", "scores.1.1")]
    [InlineData("""{"counts":{"2.1":{"held":1,"required":4},"2.1":{"held":4,"required":4}}}""", "counts.2.1")]
    [InlineData("""{"counts":{"2.1":{"held":1,"held":4,"required":4}}}""", "counts.2.1.held")]
    [InlineData("""{"scores":{"1.1":1},"scores":{"1.1":2}}""", "scores")]
    public async Task A_key_sent_twice_is_refused_rather_than_the_last_winning(string body, string field)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var url = $"/api/v1/tenants/{tenant}/orgs/{Branch}/assessment";
        await (await SendAsync(HttpMethod.Put, url, body)).AssertFieldProblemAsync(field);
        await (await _http.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tenant_name_sent_twice_is_refused()
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        var problem = await (await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}", """{"name":"甲","name":"乙"}""")).AssertFieldProblemAsync("name");
        Assert.Contains("send each key once", problem.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(tenant, await _http.GetStringAsync("/api/v1/tenants"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"facts":{"1.4":1}}""", "facts.1.4", "must be true or false")]
    [InlineData("""{"vetoes":"V1"}""", "vetoes", "must be an array")]
    [InlineData("""{"scores":[1]}""", "scores", "must be an object")]
    [InlineData("""{"scores":{"1.1":"3"}}""", "scores.1.1", "must be a number")]
    [InlineData("""{"score":{}}""", "score", "is not a field of this request")]
    public async Task A_mistyped_field_is_named_with_what_it_takes(string body, string field, string message)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var problem = await (await SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/orgs/{Branch}/assessment", body)).AssertFieldProblemAsync(field);
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenant", 4 * 1024)]
    [InlineData("framework", 256 * 1024)]
    [InlineData("campaign", PlatformApp.DefaultMaxBodyBytes)]
    [InlineData("advance", 4 * 1024)]
    public async Task A_body_larger_than_the_route_takes_is_refused(string route, long limit)
    {
        var tenant = await fixture.CreateTenantAsync();
        var path = route switch
        {
            "tenant" => $"/api/v1/tenants/{tenant}",
            "framework" => $"/api/v1/tenants/{tenant}/framework/versions",
            "campaign" => $"/api/v1/tenants/{tenant}/campaigns",
            _ => $"/api/v1/tenants/{tenant}/campaigns/c1/advance",
        };
        var method = route == "tenant" ? HttpMethod.Put : HttpMethod.Post;

        var over = new HttpRequestMessage(method, path) { Content = new PaddedContent("{\"name\":\"", limit + 1, "application/json") };
        over.Headers.ExpectContinue = true;
        await (await _http.SendAsync(over)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        // At the limit the body is read, and refused for what it says instead.
        var at = new HttpRequestMessage(method, path) { Content = new PaddedContent("{\"name\":\"", limit, "application/json") };
        await (await _http.SendAsync(at)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body) =>
        _http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
}
