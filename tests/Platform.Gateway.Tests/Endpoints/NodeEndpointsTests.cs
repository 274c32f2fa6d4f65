using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

[Collection(GatewayCollection.Name)]
public sealed class NodeEndpointsTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task A_node_shows_its_summary_under_the_contract_names_and_its_children()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var city = await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430100",
            n => n.GetProperty("summary").GetProperty("organisations").GetInt32() == SmallProvince.Organisations);

        Assert.Equal("430100", city.GetProperty("code").GetString());
        Assert.Equal("city", city.GetProperty("kind").GetString());
        Assert.Equal("长沙市", city.GetProperty("name").GetString());
        Assert.Equal("430000", city.GetProperty("parentCode").GetString());
        var summary = city.GetProperty("summary");
        foreach (var name in new[] { "organisations", "assessed", "compliant", "ratings", "scoreSum", "averageScore", "dimensions", "schools", "coveredSchools", "gapSchools", "updatedAt" })
        {
            Assert.True(summary.TryGetProperty(name, out _), $"summary lacks '{name}'");
        }

        var children = city.GetProperty("children");
        Assert.Equal(2, children.GetProperty("total").GetInt32());
        var first = children.GetProperty("items")[0];
        Assert.Equal(["code", "kind", "name", "summary"], first.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("430102", first.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Children_rank_by_any_metric_and_page()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430103/summary", s => s.GetProperty("members").GetInt32() == 13);

        var byMembers = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/430103?sort=members&order=desc")).JsonAsync();
        var codes = byMembers.GetProperty("children").GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Equal(["9430103001", "430103-LH01", "9430103002", "9430103003"], codes);

        var page = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/430103?sort=code&page=2&pageSize=3")).JsonAsync();
        var children = page.GetProperty("children");
        Assert.Equal(4, children.GetProperty("total").GetInt32());
        Assert.Single(children.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("?sort=shoeSize", "sort")]
    [InlineData("?order=sideways", "order")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=5000", "pageSize")]
    public async Task Bad_listing_parameters_are_refused_naming_the_parameter(string query, string field)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/430000{query}")).AssertFieldProblemAsync(field);
    }

    [Fact]
    public async Task A_non_numeric_page_is_a_bad_request_not_a_server_error()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var problem = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/430000?page=abc")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("page", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_code_is_not_found()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/439999")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/439999/summary")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Moving_a_school_keeps_both_counties_and_the_city_exact()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430100/summary", s => s.GetProperty("organisations").GetInt32() == SmallProvince.Organisations);

        var moved = await _http.MoveAsync(tenant, "9430103001", new { parentCode = "430102" });
        Assert.Equal("430102", (await moved.JsonAsync()).GetProperty("parentCode").GetString());

        await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430102/summary", s => s.GetProperty("schools").GetInt32() == 2 && s.GetProperty("members").GetInt32() == 35 + 9);
        var tianxin = await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430103/summary", s => s.GetProperty("schools").GetInt32() == 2);
        Assert.Equal(4, tianxin.GetProperty("members").GetInt32());
        // The city passes through a moment where the school has left one county and not yet reached the other.
        await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430100/summary",
            s => s.GetProperty("schools").GetInt32() == SmallProvince.Schools && s.GetProperty("members").GetInt32() == 48);
    }

    [Fact]
    public async Task A_move_under_a_node_that_cannot_hold_it_is_refused()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await _http.MoveAsync(tenant, "9430103001", new { parentCode = "9430102001-01" })).AssertFieldProblemAsync("parentCode");
        await (await _http.MoveAsync(tenant, "9430103001", new { parentCode = "439999" })).AssertFieldProblemAsync("parentCode");
        await (await _http.MoveAsync(tenant, "9430103001", new { })).AssertFieldProblemAsync("parentCode");
        var school = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430103001")).JsonAsync();
        Assert.Equal("430103", school.GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task Closing_a_branch_removes_it_from_every_ancestor_and_a_parent_with_children_cannot_close()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430000/summary", s => s.GetProperty("organisations").GetInt32() == SmallProvince.Organisations);

        await (await _http.CloseAsync(tenant, "9430102001-00")).AssertProblemAsync(HttpStatusCode.Conflict);
        var closed = await (await _http.CloseAsync(tenant, "9430102001-02")).JsonAsync();
        Assert.True(closed.GetProperty("closed").GetBoolean());
        await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430000/summary",
            s => s.GetProperty("organisations").GetInt32() == SmallProvince.Organisations - 1 && s.GetProperty("members").GetInt32() == 33);
    }

    [Fact]
    public async Task A_move_or_close_without_If_Match_is_refused_with_428_and_nothing_moves()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await _http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/nodes/9430103001/move", new { parentCode = "430102" }))
            .AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await _http.PostAsync($"/api/v1/tenants/{tenant}/nodes/9430102001-02/close", null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);

        var school = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430103001")).JsonAsync();
        Assert.Equal("430103", school.GetProperty("parentCode").GetString());
        Assert.False((await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430102001-02")).JsonAsync()).GetProperty("closed").GetBoolean());
    }

    [Fact]
    public async Task Two_admins_moving_a_school_from_the_same_read_cannot_both_win()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var read = await _http.ETagAsync(tenant, "9430103001");

        var first = await _http.MoveAsync(tenant, "9430103001", new { parentCode = "430102" }, read);
        await first.JsonAsync();
        Assert.NotEqual(read, first.Headers.ETag!.Tag);
        await (await _http.MoveAsync(tenant, "9430103001", new { parentCode = "430103" }, read)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await _http.CloseAsync(tenant, "9430103001", read)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var school = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430103001")).JsonAsync();
        Assert.Equal("430102", school.GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task The_root_equals_the_sum_of_its_leaves_through_the_api()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var branches = new[] { "9430102001-01", "9430102001-02", "9430103001-01", "430103-LH01" };
        var totals = new List<decimal>();
        for (var i = 0; i < branches.Length; i++)
        {
            var put = await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/orgs/{branches[i]}/assessment", new { scores = Scores.AtShare(0.55m + (0.1m * i)) });
            totals.Add((await put.JsonAsync()).GetProperty("total").GetDecimal());
        }

        var root = await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/{SmallProvince.Root}/summary", s => s.GetProperty("assessed").GetInt32() == 4);
        Assert.Equal(totals.Sum(), root.GetProperty("scoreSum").GetDecimal());
        Assert.Equal(decimal.Round(totals.Sum() / 4, 2), root.GetProperty("averageScore").GetDecimal());
        var leafRatings = new List<string>();
        foreach (var branch in branches)
        {
            leafRatings.Add((await (await _http.GetAsync($"/api/v1/tenants/{tenant}/orgs/{branch}/assessment")).JsonAsync()).GetProperty("rating").GetString()!);
        }

        foreach (var rating in root.GetProperty("ratings").EnumerateObject())
        {
            Assert.Equal(leafRatings.Count(r => r == rating.Name), rating.Value.GetInt32());
        }
    }
}
