using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

[Collection(GatewayCollection.Name)]
public sealed class FrameworkEndpointsTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task The_default_framework_has_five_dimensions_worth_one_hundred_points()
    {
        var tenant = await fixture.CreateTenantAsync();
        var framework = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework")).JsonAsync();
        Assert.Equal(1, framework.GetProperty("version").GetInt32());
        var dimensions = framework.GetProperty("dimensions").EnumerateArray().ToList();
        Assert.Equal(100m, dimensions.Where(d => d.GetProperty("id").GetString() != "bonus").Sum(d => d.GetProperty("max").GetDecimal()));
        var indicator = dimensions[0].GetProperty("indicators")[0];
        Assert.Equal(["id", "name", "max", "rule"], indicator.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Publishing_a_version_makes_it_current_and_new_assessments_use_it()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var draft = JsonNode.Parse(await _http.GetStringAsync($"/api/v1/tenants/{tenant}/framework"))!;
        draft["name"] = "2027年版";
        draft["bands"]![4]!["minScore"] = 95;

        var published = await _http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/framework/versions", draft);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(2, (await published.JsonAsync()).GetProperty("version").GetInt32());

        var versions = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions")).JsonAsync();
        Assert.Equal(2, versions.GetArrayLength());
        var assessment = await (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/orgs/9430103001-01/assessment", new { actor = "测试", scores = Scores.AtShare(0.85m) })).JsonAsync();
        Assert.Equal(2, assessment.GetProperty("frameworkVersion").GetInt32());
    }

    [Fact]
    public async Task A_version_that_breaks_the_rules_is_refused_naming_the_field()
    {
        var tenant = await fixture.CreateTenantAsync();
        var draft = JsonNode.Parse(await _http.GetStringAsync($"/api/v1/tenants/{tenant}/framework"))!;
        draft["dimensions"]![0]!["indicators"]![0]!["max"] = 30;
        await (await _http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/framework/versions", draft)).AssertFieldProblemAsync("dimensions");

        draft = JsonNode.Parse(await _http.GetStringAsync($"/api/v1/tenants/{tenant}/framework"))!;
        draft["dimensions"]![0]!["indicators"]![0]!["rule"] = "guessed";
        await (await _http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/framework/versions", draft)).AssertFieldProblemAsync("dimensions[0].indicators[0].rule");

        var versions = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions")).JsonAsync();
        Assert.Equal(1, versions.GetArrayLength());
    }

    [Fact]
    public async Task A_tenant_can_rate_by_grades()
    {
        var tenant = "g" + Guid.NewGuid().ToString("N")[..10];
        (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "按等次评定", ratingScheme = "grades" })).EnsureSuccessStatusCode();
        await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new StringContent(SmallProvince.Csv, System.Text.Encoding.UTF8, "text/csv"));

        var assessment = await (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/orgs/9430103001-01/assessment", new { actor = "测试", scores = Scores.AtShare(1m) })).JsonAsync();
        Assert.Equal("model", assessment.GetProperty("rating").GetString());
        Assert.Equal("样板", assessment.GetProperty("ratingName").GetString());
        var root = await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430000/summary", s => s.GetProperty("assessed").GetInt32() == 1);
        Assert.Equal(1, root.GetProperty("ratings").GetProperty("model").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("complianceRate").ValueKind);
    }
}
