using Platform.Bench.Imports;
using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

/// <summary>An import stores only codes a URL can address and names a reader can see as they are.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ImportedCodesAndNamesTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".x")]
    public async Task A_code_no_url_can_address_is_rejected(string code)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var report = await ImportAsync(tenant, $"kind,code,name,parentCode\nbranch,{code},党支部,9430102001-00\n");

        AssertRejected(report, "code");
        var committee = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430102001-00")).JsonAsync();
        Assert.DoesNotContain(committee.GetProperty("children").GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == code);
    }

    [Theory]
    [InlineData("党\u0000支部")]
    [InlineData("党支部\u0007")]
    [InlineData("\u202E部支党")]
    public async Task A_name_with_control_or_invisible_characters_is_rejected_and_the_old_name_kept(string name)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var report = await ImportAsync(tenant, $"kind,code,name,parentCode,members,probationaryMembers\nbranch,9430102001-01,\"{name}\",9430102001-00,20,1\n");

        AssertRejected(report, "name");
        var branch = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430102001-01")).JsonAsync();
        Assert.Equal("第一党支部", branch.GetProperty("name").GetString());
    }

    private async Task<JsonElement> ImportAsync(string tenant, string csv)
    {
        var response = await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static void AssertRejected(JsonElement report, string field)
    {
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        var row = report.GetProperty("rejections")[0];
        Assert.Contains(row.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }
}
