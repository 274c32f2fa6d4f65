using Platform.Bench.Imports;
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

        await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", SmallProvince.Csv);
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
    public async Task Routes_under_another_tenant_answer_forbidden_alike_whether_it_exists_or_not()
    {
        var mine = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var theirs = await fixture.CreateTenantAsync(SmallProvince.Csv);
        using var admin = fixture.ClientFor(fixture.AdminOf(mine));

        var unknown = await (await admin.GetAsync("/api/v1/tenants/nosuchtenant/nodes/430000")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var other = await (await admin.GetAsync($"/api/v1/tenants/{theirs}/nodes/430000")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(unknown.GetProperty("detail").GetString(), other.GetProperty("detail").GetString());
        Assert.DoesNotContain(theirs, other.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_needs_a_name_and_a_known_rating_scheme()
    {
        await (await _http.PutAsJsonAsync("/api/v1/tenants/noname", new { name = "" })).AssertFieldProblemAsync("name");
        await (await _http.PutAsJsonAsync("/api/v1/tenants/badscheme", new { name = "x", ratingScheme = "medals" })).AssertFieldProblemAsync("ratingScheme");
    }

    [Fact]
    public async Task A_rename_must_quote_the_etag_it_read()
    {
        var tenant = await fixture.CreateTenantAsync();
        var read = await _http.GetAsync($"/api/v1/tenants/{tenant}");
        var etag = read.Headers.ETag?.Tag;
        Assert.Equal("\"1\"", etag);

        await (await RenameAsync(tenant, "第一位管理员改的名", null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        var renamed = await RenameAsync(tenant, "第一位管理员改的名", etag);
        Assert.Equal("第一位管理员改的名", (await renamed.JsonAsync()).GetProperty("name").GetString());
        Assert.Equal("\"2\"", renamed.Headers.ETag?.Tag);

        await (await RenameAsync(tenant, "第二位管理员改的名", etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await RenameAsync(tenant, "第二位管理员改的名", "two")).AssertFieldProblemAsync("If-Match");
        Assert.Equal("第一位管理员改的名", (await (await _http.GetAsync($"/api/v1/tenants/{tenant}")).JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Putting_what_is_stored_again_needs_no_etag_and_the_rating_scheme_never_changes()
    {
        var tenant = await fixture.CreateTenantAsync();
        var again = await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "测试省" });
        Assert.Equal("\"1\"", again.Headers.ETag?.Tag);

        await (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "测试省", ratingScheme = "grades" })).AssertFieldProblemAsync("ratingScheme");
        Assert.Equal("stars", (await (await _http.GetAsync($"/api/v1/tenants/{tenant}")).JsonAsync()).GetProperty("ratingScheme").GetString());
    }

    [Fact]
    public async Task Importing_the_province_changes_the_tenants_etag()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        Assert.Equal("\"2\"", (await _http.GetAsync($"/api/v1/tenants/{tenant}")).Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("名\u0000称")]
    [InlineData("\u0007")]
    [InlineData("\u202E省南湖")]
    [InlineData("湖南\u200B省")]
    public async Task A_name_with_control_or_invisible_characters_is_refused(string name)
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        await (await _http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name })).AssertFieldProblemAsync("name");
        Assert.DoesNotContain(tenant, await _http.GetStringAsync("/api/v1/tenants"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sql_fragment_is_a_name_like_any_other_stored_as_sent()
    {
        var tenant = await fixture.CreateTenantAsync();
        const string name = "'; DROP TABLE OrleansStorage; --";
        (await RenameAsync(tenant, name, "\"1\"")).EnsureSuccessStatusCode();
        Assert.Equal(name, (await (await _http.GetAsync($"/api/v1/tenants/{tenant}")).JsonAsync()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/v1/tenants/{tenant}/framework")).StatusCode);
    }

    private Task<HttpResponseMessage> RenameAsync(string tenant, string name, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}") { Content = JsonContent.Create(new { name }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _http.SendAsync(request);
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
