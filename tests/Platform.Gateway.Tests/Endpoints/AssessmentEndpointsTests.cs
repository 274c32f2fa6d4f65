using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

[Collection(GatewayCollection.Name)]
public sealed class AssessmentEndpointsTests(GatewayFixture fixture)
{
    private const string Branch = "9430103001-01";
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task An_assessment_is_scored_stored_and_reaches_the_province()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var response = await _http.PutAsJsonAsync(Url(tenant), new { scores = Scores.AtShare(1m) });
        var assessment = await response.JsonAsync();

        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(110m, assessment.GetProperty("total").GetDecimal());
        Assert.Equal(15m, assessment.GetProperty("dimensions").GetProperty("setup").GetDecimal());
        Assert.Equal(10m, assessment.GetProperty("dimensions").GetProperty("bonus").GetDecimal());
        Assert.Equal("star5", assessment.GetProperty("rating").GetString());
        Assert.True(assessment.GetProperty("compliant").GetBoolean());

        var province = await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/{SmallProvince.Root}/summary", s => s.GetProperty("assessed").GetInt32() == 1);
        Assert.Equal(1, province.GetProperty("ratings").GetProperty("star5").GetInt32());
        Assert.Equal(110m, province.GetProperty("scoreSum").GetDecimal());
    }

    [Fact]
    public async Task Counts_facts_and_vetoes_shape_the_rating()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var scores = Scores.AtShare(1m);
        scores.Remove("2.1");
        scores.Remove("1.4");
        var body = new
        {
            scores,
            counts = new Dictionary<string, object> { ["2.1"] = new { held = 3, required = 4 } },
            facts = new Dictionary<string, bool> { ["1.4"] = true },
            vetoes = new[] { "V1" },
        };
        var assessment = await (await _http.PutAsJsonAsync(Url(tenant), body)).JsonAsync();
        Assert.Equal(3.75m, assessment.GetProperty("scores").GetProperty("2.1").GetDecimal());
        Assert.Equal(3m, assessment.GetProperty("scores").GetProperty("1.4").GetDecimal());
        Assert.Equal("star2", assessment.GetProperty("rating").GetString());
        Assert.False(assessment.GetProperty("compliant").GetBoolean());
    }

    [Fact]
    public async Task Two_editors_cannot_silently_overwrite_each_other()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await _http.PutAsJsonAsync(Url(tenant), new { scores = Scores.AtShare(0.7m) })).JsonAsync();

        await (await _http.PutAsJsonAsync(Url(tenant), new { scores = Scores.AtShare(0.8m) })).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await PutAsync(tenant, new { scores = Scores.AtShare(0.8m) }, "\"7\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await PutAsync(tenant, new { scores = Scores.AtShare(0.8m) }, "seven")).AssertFieldProblemAsync("If-Match");

        var replaced = await PutAsync(tenant, new { scores = Scores.AtShare(0.9m) }, "\"1\"");
        Assert.Equal(2, (await replaced.JsonAsync()).GetProperty("revision").GetInt32());
        Assert.Equal("\"2\"", replaced.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("""{"scores":{"9.9":1}}""", "scores.9.9")]
    [InlineData("""{"scores":{"1.1":-1}}""", "scores.1.1")]
    [InlineData("""{"scores":{"1.1":3.5}}""", "scores.1.1")]
    [InlineData("""{"scores":{"1.1":1.234}}""", "scores.1.1")]
    [InlineData("""{"vetoes":["V9"]}""", "vetoes[0]")]
    [InlineData("""{"counts":{"1.1":{"held":1,"required":2}}}""", "counts.1.1")]
    [InlineData("""{"counts":{"2.1":{"held":1,"required":0}}}""", "counts.2.1")]
    [InlineData("""{"facts":{"2.1":true}}""", "facts.2.1")]
    public async Task Invalid_scores_are_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await _http.PutAsJsonAsync(Url(tenant), new { scores = Scores.AtShare(0.7m) })).JsonAsync();

        await (await PutAsync(tenant, body, "\"1\"")).AssertFieldProblemAsync(field);

        var stored = await (await _http.GetAsync(Url(tenant))).JsonAsync();
        Assert.Equal(1, stored.GetProperty("revision").GetInt32());
    }

    [Theory]
    [InlineData("""{"scores":""")]
    [InlineData("""{"scores":{"1.1":"three"}}""")]
    [InlineData("""{"scores":[1,2]}""")]
    [InlineData("""{"score":{"1.1":1}}""")]
    [InlineData("not json")]
    public async Task Malformed_or_mistyped_json_is_a_bad_request_naming_the_problem(string body)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var problem = await (await PutAsync(tenant, body, null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        await (await _http.GetAsync(Url(tenant))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var huge = "{\"scores\":{" + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"\"x{i}\":1")) + "}}";
        await (await PutAsync(tenant, huge, null)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Only_branches_are_assessed_and_unknown_organisations_are_not_found()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/orgs/9430102001-00/assessment", new { scores = Scores.AtShare(1m) })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/orgs/nosuch-01/assessment", new { scores = Scores.AtShare(1m) })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/orgs/{Branch}/assessment")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Url(string tenant) => $"/api/v1/tenants/{tenant}/orgs/{Branch}/assessment";

    private Task<HttpResponseMessage> PutAsync(string tenant, object body, string? ifMatch)
    {
        HttpContent content = body is string text ? new StringContent(text, Encoding.UTF8, "application/json") : JsonContent.Create(body);
        var request = new HttpRequestMessage(HttpMethod.Put, Url(tenant)) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _http.SendAsync(request);
    }
}
