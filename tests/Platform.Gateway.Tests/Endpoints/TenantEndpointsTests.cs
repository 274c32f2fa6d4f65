using System.Net;
using System.Net.Http.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

[Collection(GatewayCollection.Name)]
public sealed class TenantEndpointsTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task A_new_tenant_has_no_root_until_its_province_is_imported()
    {
        var tenant = await fixture.CreateTenantAsync();
        var before = await (await _http.GetAsync($"/api/v1/tenants/{tenant}")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("rootCode").ValueKind);

        await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new StringContent(SmallProvince.Csv, System.Text.Encoding.UTF8, "text/csv"));
        var after = await (await _http.GetAsync($"/api/v1/tenants/{tenant}")).JsonAsync();
        Assert.Equal(SmallProvince.Root, after.GetProperty("rootCode").GetString());
        Assert.Equal("stars", after.GetProperty("ratingScheme").GetString());
    }

    [Theory]
    [InlineData("A")]
    [InlineData("1abc")]
    [InlineData("ab_c")]
    public async Task A_malformed_tenant_id_is_refused_naming_the_tenant(string tenant)
    {
        var response = await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "x" });
        await response.AssertFieldProblemAsync("tenant");
    }

    [Fact]
    public async Task Routes_under_an_unknown_tenant_answer_not_found()
    {
        var response = await _http.GetAsync("/api/v1/tenants/nosuchtenant/nodes/430000");
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("nosuchtenant", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_tenant_needs_a_name_and_a_known_rating_scheme()
    {
        await (await _http.PutAsJsonAsync("/api/v1/tenants/noname", new { name = "" })).AssertFieldProblemAsync("name");
        await (await _http.PutAsJsonAsync("/api/v1/tenants/badscheme", new { name = "x", ratingScheme = "medals" })).AssertFieldProblemAsync("ratingScheme");
    }

    [Fact]
    public async Task Tenants_do_not_see_each_others_nodes()
    {
        var first = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var second = await fixture.CreateTenantAsync();

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/v1/tenants/{first}/nodes/{SmallProvince.Root}")).StatusCode);
        await (await _http.GetAsync($"/api/v1/tenants/{second}/nodes/{SmallProvince.Root}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync($"/api/v1/tenants/{second}/orgs/9430102001-01/assessment")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
