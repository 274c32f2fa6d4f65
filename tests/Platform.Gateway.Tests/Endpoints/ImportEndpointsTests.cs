using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

[Collection(GatewayCollection.Name)]
public sealed class ImportEndpointsTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Importing_creates_every_row_and_importing_again_changes_nothing()
    {
        var tenant = await fixture.CreateTenantAsync();
        var first = await (await ImportAsync(tenant, SmallProvince.Csv)).JsonAsync();
        Assert.Equal(13, first.GetProperty("rows").GetInt32());
        Assert.Equal(13, first.GetProperty("created").GetInt32());
        Assert.All(first.GetProperty("results").EnumerateArray(), r => Assert.Equal("created", r.GetProperty("result").GetString()));

        var second = await (await ImportAsync(tenant, SmallProvince.Csv)).JsonAsync();
        Assert.Equal(13, second.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, second.GetProperty("created").GetInt32() + second.GetProperty("updated").GetInt32());

        var root = await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/{SmallProvince.Root}/summary",
            s => s.GetProperty("organisations").GetInt32() == SmallProvince.Organisations);
        Assert.Equal(SmallProvince.Schools, root.GetProperty("schools").GetInt32());
        Assert.Equal(SmallProvince.Schools, root.GetProperty("coveredSchools").GetInt32());
        Assert.Equal(48, root.GetProperty("members").GetInt32());
    }

    [Fact]
    public async Task Bad_rows_are_rejected_with_reasons_and_good_rows_still_land()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        const string csv = """
            kind,code,name,parentCode,stage
            school,9430102009,新学校,430102,primary
            castle,9430102010,城堡,430102,
            school,94301020,短代码学校,430102,primary
            school,9430102011,孤儿学校,439999,primary
            school,9430102012,学段不明,430102,university
            branch,9430102009-01,新学校党支部,9430102009,
            branch,9430102009-01,重复的党支部,9430102009,
            branch,9430102013-01,无主党支部,430102,
            """;
        var report = await (await ImportAsync(tenant, csv)).JsonAsync();
        var results = report.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32());

        Assert.Equal("created", results[2].GetProperty("result").GetString());
        AssertRejected(results[3], "kind");
        AssertRejected(results[4], "code");
        AssertRejected(results[5], "parentCode");
        AssertRejected(results[6], "stage");
        Assert.Equal("created", results[7].GetProperty("result").GetString());
        AssertRejected(results[8], "code");
        AssertRejected(results[9], "parentCode");
        Assert.Equal(6, report.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task A_parent_does_not_list_a_child_whose_row_was_rejected()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        const string csv = """
            kind,code,name,parentCode,covers
            school,9430102020,新学校,430102,
            jointBranch,9430102020-01,联合党支部,9430102020,9430102999
            branch,9430102020-02,党支部,9430102020,
            """;
        var report = await (await ImportAsync(tenant, csv)).JsonAsync();
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());

        var school = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430102020")).JsonAsync();
        var children = school.GetProperty("children").GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Equal(["9430102020-02"], children);
    }

    [Theory]
    [InlineData("", "file")]
    [InlineData("kind,code,name\nprovince,430000,湖南省\n", "file")]
    [InlineData("kind,code,name,parentCode,colour\n", "file")]
    public async Task An_unreadable_file_is_refused_as_a_whole(string csv, string field)
    {
        var tenant = await fixture.CreateTenantAsync();
        await (await ImportAsync(tenant, csv)).AssertFieldProblemAsync(field);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused()
    {
        var tenant = await fixture.CreateTenantAsync();
        var gbk = new byte[] { 0x6B, 0x69, 0x6E, 0x64, 0x0A, 0xBA, 0xFE, 0xC4, 0xCF };
        var response = await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new ByteArrayContent(gbk) { Headers = { ContentType = new("text/csv") } });
        var problem = await response.AssertFieldProblemAsync("file");
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_json_body_is_refused_as_the_wrong_media_type()
    {
        var tenant = await fixture.CreateTenantAsync();
        var response = await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new StringContent("{}", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_second_province_in_one_tenant_is_rejected()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var report = await (await ImportAsync(tenant, "kind,code,name,parentCode\nprovince,440000,广东省,\n")).JsonAsync();
        AssertRejected(report.GetProperty("results")[0], "code");
    }

    private Task<HttpResponseMessage> ImportAsync(string tenant, string csv) =>
        _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static void AssertRejected(JsonElement row, string field)
    {
        Assert.Equal("rejected", row.GetProperty("result").GetString());
        Assert.Contains(row.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }
}
