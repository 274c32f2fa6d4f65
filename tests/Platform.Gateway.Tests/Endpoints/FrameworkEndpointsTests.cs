using Platform.Bench.Imports;
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
        var (draft, etag) = await CurrentAsync(tenant);
        Assert.Equal("\"1\"", etag);
        draft["name"] = "2027年版";
        draft["bands"]![4]!["minScore"] = 95;

        var published = await PublishAsync(tenant, draft, etag);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(2, (await published.JsonAsync()).GetProperty("version").GetInt32());
        Assert.Equal("\"2\"", published.Headers.ETag?.Tag);

        var versions = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions")).JsonAsync();
        Assert.Equal(2, versions.GetArrayLength());
        var assessment = await (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/orgs/9430103001-01/assessment", new { scores = Scores.AtShare(0.85m) })).JsonAsync();
        Assert.Equal(2, assessment.GetProperty("frameworkVersion").GetInt32());
    }

    [Fact]
    public async Task A_version_that_breaks_the_rules_is_refused_naming_the_field()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (draft, etag) = await CurrentAsync(tenant);
        draft["dimensions"]![0]!["indicators"]![0]!["max"] = 30;
        await (await PublishAsync(tenant, draft, etag)).AssertFieldProblemAsync("dimensions");

        (draft, etag) = await CurrentAsync(tenant);
        draft["dimensions"]![0]!["indicators"]![0]!["rule"] = "guessed";
        await (await PublishAsync(tenant, draft, etag)).AssertFieldProblemAsync("dimensions[0].indicators[0].rule");

        var versions = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions")).JsonAsync();
        Assert.Equal(1, versions.GetArrayLength());
    }

    [Fact]
    public async Task Two_administrators_publishing_from_the_same_version_cannot_both_succeed()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (first, etag) = await CurrentAsync(tenant);
        var (second, _) = await CurrentAsync(tenant);
        first["name"] = "第一位管理员的版本";
        second["name"] = "第二位管理员的版本";

        Assert.Equal(HttpStatusCode.Created, (await PublishAsync(tenant, first, etag)).StatusCode);
        await (await PublishAsync(tenant, second, etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await PublishAsync(tenant, second, null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await PublishAsync(tenant, second, "W/\"2\"")).AssertFieldProblemAsync("If-Match");

        var (current, currentTag) = await CurrentAsync(tenant);
        Assert.Equal("第一位管理员的版本", current["name"]!.GetValue<string>());
        Assert.Equal("\"2\"", currentTag);
    }

    [Fact]
    public async Task A_version_of_the_other_rating_scheme_is_refused()
    {
        var tenant = await fixture.CreateTenantAsync();
        var grades = "g" + Guid.NewGuid().ToString("N")[..10];
        (await _http.PutAsJsonAsync($"/api/v1/tenants/{grades}", new { name = "按等次评定", ratingScheme = "grades" })).EnsureSuccessStatusCode();
        var (gradesDraft, _) = await CurrentAsync(grades);
        var (_, etag) = await CurrentAsync(tenant);

        await (await PublishAsync(tenant, gradesDraft, etag)).AssertFieldProblemAsync("ratingScheme");
    }

    [Fact]
    public async Task The_list_of_versions_is_summaries_and_stays_small_however_large_the_versions()
    {
        var tenant = await fixture.CreateTenantAsync();
        for (var v = 0; v < 5; v++)
        {
            var (draft, etag) = await CurrentAsync(tenant);
            foreach (var indicator in draft["dimensions"]!.AsArray().SelectMany(d => d!["indicators"]!.AsArray()))
            {
                indicator!["name"] = new string('长', 200);
            }

            Assert.Equal(HttpStatusCode.Created, (await PublishAsync(tenant, draft, etag)).StatusCode);
        }

        var list = await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions");
        var versions = await list.JsonAsync();
        Assert.Equal(6, versions.GetArrayLength());
        Assert.Equal(["version", "name", "ratingScheme", "publishedAt"], versions[5].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.True((await list.Content.ReadAsByteArrayAsync()).Length < 2_000, "the list carries whole versions");

        var whole = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions/6")).JsonAsync();
        Assert.Equal(new string('长', 200), whole.GetProperty("dimensions")[0].GetProperty("indicators")[0].GetProperty("name").GetString());
        var first = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions/1")).JsonAsync();
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework/versions/7")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<(JsonNode Draft, string? ETag)> CurrentAsync(string tenant)
    {
        var response = await _http.GetAsync($"/api/v1/tenants/{tenant}/framework");
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response.Headers.ETag?.Tag);
    }

    private Task<HttpResponseMessage> PublishAsync(string tenant, JsonNode draft, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenant}/framework/versions") { Content = JsonContent.Create(draft) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _http.SendAsync(request);
    }

    [Fact]
    public async Task A_tenant_can_rate_by_grades()
    {
        var tenant = "g" + Guid.NewGuid().ToString("N")[..10];
        (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "按等次评定", ratingScheme = "grades" })).EnsureSuccessStatusCode();
        await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", SmallProvince.Csv);

        var assessment = await (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/orgs/9430103001-01/assessment", new { scores = Scores.AtShare(1m) })).JsonAsync();
        Assert.Equal("model", assessment.GetProperty("rating").GetString());
        Assert.Equal("样板", assessment.GetProperty("ratingName").GetString());
        var root = await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430000/summary", s => s.GetProperty("assessed").GetInt32() == 1);
        Assert.Equal(1, root.GetProperty("ratings").GetProperty("model").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("complianceRate").ValueKind);
    }
}
