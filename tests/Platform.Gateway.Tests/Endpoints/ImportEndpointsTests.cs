using Platform.Bench.Imports;
using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Domain.Imports;
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
        Assert.Equal("finished", first.GetProperty("status").GetString());
        Assert.Equal(0, first.GetProperty("rejections").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("rejectionsUrl").ValueKind);

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
        var rejected = report.GetProperty("rejections").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32());

        Assert.Equal([3, 4, 5, 6, 8, 9], rejected.Keys.Order());
        AssertRejected(rejected[3], "kind");
        AssertRejected(rejected[4], "code");
        AssertRejected(rejected[5], "parentCode");
        AssertRejected(rejected[6], "stage");
        AssertRejected(rejected[8], "code");
        AssertRejected(rejected[9], "parentCode");
        Assert.Equal("9430102009-01", rejected[8].GetProperty("code").GetString());
        Assert.Equal((8, 2, 6, 6), (report.GetProperty("rows").GetInt32(), report.GetProperty("created").GetInt32(),
            report.GetProperty("rejected").GetInt32(), report.GetProperty("rejectionsKept").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430102009-01")).StatusCode);
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

    [Fact]
    public async Task An_unbalanced_quote_rejects_its_own_line_and_every_line_after_it_is_still_read()
    {
        var tenant = await fixture.CreateTenantAsync();
        const string csv = """
            kind,code,name,parentCode
            province,460000,海南省,
            "海口市,460100,海口市,460000
            city,460200,三亚市,460000
            county,460202,海棠区,460200
            county,460203,吉阳区,460200
            """;
        var report = await (await ImportAsync(tenant, csv)).JsonAsync();

        Assert.Equal(5, report.GetProperty("rows").GetInt32());
        Assert.Equal(5, Sum(report, "created", "updated", "unchanged", "rejected"));
        Assert.Equal(4, report.GetProperty("created").GetInt32());
        var rejection = Assert.Single(report.GetProperty("rejections").EnumerateArray());
        Assert.Equal(3, rejection.GetProperty("line").GetInt32());
        AssertRejected(rejection, "line");
        Assert.Contains("quote", rejection.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460203")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460100")).StatusCode);
    }

    [Fact]
    public async Task Every_rejected_row_can_be_downloaded_as_csv_and_the_report_read_again()
    {
        var tenant = await fixture.CreateTenantAsync();
        var csv = new StringBuilder("kind,code,name,parentCode\nprovince,460000,海南省,\ncity,460100,海口市,450000\n");
        for (var i = 0; i < 2_500; i++)
        {
            csv.Append("x\n");
        }

        var report = await (await ImportAsync(tenant, csv.ToString())).JsonAsync();
        Assert.Equal((2_502, 1, 2_501, 2_501), (report.GetProperty("rows").GetInt32(), report.GetProperty("created").GetInt32(),
            report.GetProperty("rejected").GetInt32(), report.GetProperty("rejectionsKept").GetInt32()));
        Assert.Equal(100, report.GetProperty("rejections").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("note").ValueKind);
        var importId = report.GetProperty("importId").GetString()!;
        var url = report.GetProperty("rejectionsUrl").GetString()!;
        Assert.Equal($"/api/v1/tenants/{tenant}/imports/{importId}/rejections", url);

        var download = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"import-{importId}-rejections.csv", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var records = ReadCsv(Encoding.UTF8.GetString(bytes.AsSpan(3)));
        Assert.Equal(["line", "kind", "code", "name", "parentCode", "reason"], records[0]);
        var lines = records.Skip(1).Select(r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(Enumerable.Range(3, 2_501).ToHashSet(), lines);
        Assert.Equal(2_501, records.Count - 1);
        var refused = Assert.Single(records, r => r[0] == "3");
        Assert.Equal(["3", "city", "460100", "海口市", "450000"], refused[..5]);
        Assert.StartsWith("parentCode: ", refused[5], StringComparison.Ordinal);
        Assert.Equal(["4", "x", "", "", ""], records.Single(r => r[0] == "4")[..5]);

        var again = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/imports/{importId}")).JsonAsync();
        Assert.Equal(2_501, again.GetProperty("rejected").GetInt32());
        Assert.Equal(report.GetProperty("rejections").ToString(), again.GetProperty("rejections").ToString());

        var stranger = await fixture.CreateTenantAsync();
        await (await _http.GetAsync($"/api/v1/tenants/{stranger}/imports/{importId}/rejections")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/imports/{Guid.NewGuid():N}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/imports/not-an-id/rejections")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_defining_more_nodes_than_the_cap_is_refused_and_nothing_is_imported()
    {
        var tenant = await fixture.CreateTenantAsync();
        var csv = new StringBuilder("kind,code,name,parentCode,stage\nprovince,460000,海南省,,\n");
        for (var i = 0; i < ImportLimits.MaxNodesPerFile; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"school,{9_000_000_000L + i},学校,460100,primary\n");
        }

        var problem = await (await ImportAsync(tenant, csv.ToString())).AssertFieldProblemAsync("file");
        Assert.Contains("Split it", problem.GetProperty("detail").GetString());
        Assert.Contains($"line {ImportLimits.MaxNodesPerFile + 2}", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460000")).StatusCode);
    }

    [Fact]
    public async Task A_line_longer_than_any_row_refuses_the_file_naming_the_line()
    {
        var tenant = await fixture.CreateTenantAsync();
        var csv = "kind,code,name,parentCode\nprovince,460000,海南省,\ncity,460100," + new string('海', ImportLimits.MaxLineBytes) + ",460000\n";
        var problem = await (await ImportAsync(tenant, csv)).AssertFieldProblemAsync("file");
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460000")).StatusCode);
    }

    [Theory]
    [InlineData("", "file")]
    [InlineData("\"kind,code,name,parentCode\nprovince,430000,湖南省,\n", "file")]
    [InlineData("kind,code,name\nprovince,430000,湖南省\n", "file")]
    [InlineData("colour,size\nred,big\n", "file")]
    public async Task An_unreadable_file_is_refused_as_a_whole(string csv, string field)
    {
        var tenant = await fixture.CreateTenantAsync();
        await (await ImportAsync(tenant, csv)).AssertFieldProblemAsync(field);
    }

    [Fact]
    public async Task A_file_that_is_neither_utf8_nor_gb18030_is_refused()
    {
        var tenant = await fixture.CreateTenantAsync();
        var bytes = new byte[] { 0x6B, 0x69, 0x6E, 0x64, 0x0A, 0xFF, 0xFE, 0x80, 0x0A };
        var response = await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new ByteArrayContent(bytes) { Headers = { ContentType = new("text/csv") } });
        var problem = await response.AssertFieldProblemAsync("file");
        Assert.Contains("GB18030", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Utf8_with_a_broken_byte_is_refused_naming_the_line_rather_than_read_as_gb18030()
    {
        var tenant = await fixture.CreateTenantAsync();
        byte[] bytes = [.. Encoding.UTF8.GetBytes("kind,code,name,parentCode\nprovince,460000,海南省,\ncity,460100,海口"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(",460000\n")];
        var response = await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new ByteArrayContent(bytes) { Headers = { ContentType = new("text/csv") } });
        var problem = await response.AssertFieldProblemAsync("file");
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460000")).StatusCode);
    }

    [Fact]
    public async Task A_json_body_is_refused_as_the_wrong_media_type()
    {
        var tenant = await fixture.CreateTenantAsync();
        var response = await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", new StringContent("{}", Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("text/csv", problem.GetProperty("detail").GetString());
        Assert.Contains("multipart/form-data", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_second_province_in_one_tenant_is_rejected()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var report = await (await ImportAsync(tenant, "kind,code,name,parentCode\nprovince,440000,广东省,\n")).JsonAsync();
        AssertRejected(Assert.Single(report.GetProperty("rejections").EnumerateArray()), "code");
    }

    private Task<HttpResponseMessage> ImportAsync(string tenant, string csv) =>
        _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", csv);

    private static int Sum(JsonElement report, params string[] counts) => counts.Sum(c => report.GetProperty(c).GetInt32());

    private static List<string[]> ReadCsv(string text)
    {
        using var reader = CsvHelper.CsvReader.FromText(text, new CsvHelper.CsvReaderOptions { Separator = ',', HasHeader = false });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToArray());
        }

        return records;
    }

    private static void AssertRejected(JsonElement row, string field)
    {
        Assert.Contains(row.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }
}
