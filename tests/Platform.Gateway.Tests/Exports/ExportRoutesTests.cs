using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Exports;

/// <summary>
/// Every table a leader reads, downloaded over real HTTP from a gateway on SQLite, opened with a real spreadsheet
/// reader: the rows match the JSON route's, the file reads well, and an account downloads only its own subtree.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ExportRoutesTests(GatewayFixture fixture)
{
    /// <summary>Three gap schools (空白点): one in each county but 天心区's covered one, one of them private.</summary>
    private const string GapProvince = """
        kind,code,name,parentCode,stage,ownership,location,covers,members,probationaryMembers
        province,430000,湖南省,,,,,,,
        city,430100,长沙市,430000,,,,,,
        county,430102,芙蓉区,430100,,,,,,
        school,9430102001,芙蓉区第一中学,430102,高中,公办,城镇,,,
        branch,9430102001-01,第一党支部,9430102001,,,,,20,1
        school,9430102002,芙蓉区第二小学,430102,primary,public,urban,,,
        county,430103,天心区,430100,,,,,,
        school,9430103001,天心区幸福幼儿园,430103,kindergarten,private,rural,,,
        school,9430103002,天心区向阳小学,430103,primary,public,rural,,,
        school,9430103003,天心区实验小学,430103,primary,public,urban,,,
        branch,9430103003-01,天心区实验小学党支部,9430103003,,,,,9,2
        jointBranch,430103-LH01,天心区第一联合党支部,430103,,,,9430103002,4,0
        city,430200,株洲市,430000,,,,,,
        county,430202,荷塘区,430200,,,,,,
        school,9430202001,荷塘区实验小学,430202,primary,public,urban,,,
        school,9430202002,荷塘区第二小学,430202,primary,public,urban,,,
        branch,9430202002-01,荷塘区第二小学党支部,9430202002,,,,,7,0
        """;

    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task A_nodes_children_download_ranks_every_child_as_the_json_route_does_and_ends_with_the_nodes_own_totals()
    {
        var api = $"/api/v1/tenants/{await fixture.CreateTenantAsync(GapProvince)}";
        await _http.EventuallyAsync($"{api}/nodes/430000/summary", s => s.GetProperty("schools").GetInt32() == 7 && s.GetProperty("gapSchools").GetInt32() == 3);
        await _http.EventuallyAsync($"{api}/nodes/430100/summary", s => s.GetProperty("schools").GetInt32() == 5);
        var json = await (await _http.GetAsync($"{api}/nodes/430100?sort=coverageRate&order=desc")).JsonAsync();
        var ranked = json.GetProperty("children").GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();

        var response = await _http.GetAsync($"{api}/nodes/430100/children/export?sort=coverageRate&order=desc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=node-430100-children.xlsx; filename*=UTF-8''" + Uri.EscapeDataString("长沙市-下级排名.xlsx"),
            response.Content.Headers.ContentDisposition!.ToString());
        using var workbook = Workbook.Read(await response.Content.ReadAsByteArrayAsync());
        const string Sheet = "长沙市";

        var rows = workbook.Rows(Sheet);
        Assert.Equal("名次|代码|名称|类型", Joined(rows[0][..4]));
        Assert.Equal(ranked, rows.Skip(1).SkipLast(1).Select(r => r[1]).ToList());
        Assert.Equal("1|430103|天心区|县市区", Joined(rows[1][..4]));
        var coverage = Array.IndexOf(rows[0], "覆盖率") + 1;
        Assert.Equal(2.0 / 3, workbook.Number(Sheet, Cell(coverage, 2)), precision: 4);
        Assert.Equal("0.00%", workbook.NumberFormat(Sheet, Cell(coverage, 2)));

        // The node's own rollup closes the table, in bold, outside the filter; its rate is the node's, not an average of rates.
        Assert.Equal("|430100|长沙市（合计）|市州", Joined(rows[3][..4]));
        Assert.True(workbook.IsBold(Sheet, "C4"));
        Assert.Equal(3.0 / 5, workbook.Number(Sheet, Cell(coverage, 4)), precision: 4);
        Assert.Equal("2", workbook.Text(Sheet, Cell(Array.IndexOf(rows[0], "空白点") + 1, 4)));
        Assert.Equal($"A1:{Column(rows[0].Length)}3", workbook.AutoFilter(Sheet));
        Assert.Equal(1, workbook.FrozenRows(Sheet));
        Assert.Equal("长沙市-下级排名", workbook.Title);

        var csv = await _http.GetAsync($"{api}/nodes/430100/children/export?format=csv&sort=coverageRate&order=desc");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("1,430103,天心区,县市区,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(",430100,长沙市（合计）,市州,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gap_schools_are_the_schools_nothing_covers_paged_and_downloadable_with_where_they_lie()
    {
        var api = $"/api/v1/tenants/{await fixture.CreateTenantAsync(GapProvince)}";
        await _http.EventuallyAsync($"{api}/nodes/430000/summary", s => s.GetProperty("schools").GetInt32() == 7 && s.GetProperty("gapSchools").GetInt32() == 3);

        var first = await (await _http.GetAsync($"{api}/nodes/430000/gap-schools?pageSize=2")).JsonAsync();
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        var second = await (await _http.GetAsync($"{api}/nodes/430000/gap-schools?page=2&pageSize=2")).JsonAsync();
        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(["9430102002", "9430103001", "9430202001"], all.Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(("private", "430103", "天心区", "430100", "长沙市"), Where(all[1]));
        Assert.Equal(("public", "430202", "荷塘区", "430200", "株洲市"), Where(all[2]));

        // Below the city the walk still names the city, from the regions above where it starts.
        var county = await (await _http.GetAsync($"{api}/nodes/430103/gap-schools")).JsonAsync();
        Assert.Equal(("private", "430103", "天心区", "430100", "长沙市"), Where(county.GetProperty("items").EnumerateArray().Single()));
        var school = await (await _http.GetAsync($"{api}/nodes/9430103002/gap-schools")).JsonAsync();
        Assert.Equal(0, school.GetProperty("total").GetInt32());
        Assert.Empty(school.GetProperty("items").EnumerateArray());

        var download = await _http.GetAsync($"{api}/nodes/430000/gap-schools/export");
        Assert.Contains("filename=node-430000-gap-schools.xlsx", download.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        using var workbook = Workbook.Read(await download.Content.ReadAsByteArrayAsync());
        var rows = workbook.Rows("空白点学校");
        Assert.Equal("序号|学校代码|学校名称|办学性质|县市区代码|县市区|市州代码|市州", Joined(rows[0]));
        Assert.Equal("2|9430103001|天心区幸福幼儿园|民办|430103|天心区|430100|长沙市", Joined(rows[2]));
        Assert.Equal(4, rows.Count);

        var csv = await CsvAsync(_http, $"{api}/nodes/430100/gap-schools/export?format=csv");
        Assert.Equal("序号,学校代码,学校名称,办学性质,县市区代码,县市区,市州代码,市州\r\n" +
            "1,9430102002,芙蓉区第二小学,公办,430102,芙蓉区,430100,长沙市\r\n" +
            "2,9430103001,天心区幸福幼儿园,民办,430103,天心区,430100,长沙市\r\n", csv);
    }

    [Fact]
    public async Task A_region_admin_downloads_its_own_subtree_and_nothing_of_another_region()
    {
        var tenant = await fixture.CreateTenantAsync(GapProvince);
        var api = $"/api/v1/tenants/{tenant}";
        await _http.EventuallyAsync($"{api}/nodes/430000/summary", s => s.GetProperty("gapSchools").GetInt32() == 3);
        foreach (var branch in new[] { "9430102001-01", "9430202002-01" })
        {
            (await _http.PutAsJsonAsync($"{api}/orgs/{branch}/assessment", new { scores = Scores.AtShare(0.8m) })).EnsureSuccessStatusCode();
        }

        using var zhuzhou = await fixture.CreateAccountAsync(tenant, Role.RegionAdmin, "430200");

        var own = await zhuzhou.Http.GetAsync($"{api}/nodes/430200/gap-schools/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("9430202001", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await zhuzhou.Http.GetAsync($"{api}/nodes/430200/children/export")).StatusCode);

        foreach (var path in new[]
        {
            $"{api}/nodes/430100/children/export", $"{api}/nodes/430000/children/export?format=csv",
            $"{api}/nodes/430100/gap-schools", $"{api}/nodes/430000/gap-schools/export",
            $"{api}/audit/export?within=430100",
        })
        {
            var refused = await zhuzhou.Http.GetAsync(path);
            Assert.True(refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{path}: {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("9430102002", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The audit log of its own subtree only: every line it gets is filed under 株洲.
        var audit = await zhuzhou.Http.GetAsync($"{api}/audit/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var lines = (await audit.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Contains(lines, line => line.Contains("orgs/9430202002-01", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.DoesNotContain("9430102001", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_export_requests_are_refused_naming_the_field()
    {
        var api = $"/api/v1/tenants/{await fixture.CreateTenantAsync(GapProvince)}";
        await (await _http.GetAsync($"{api}/nodes/430000/children/export?format=pdf")).AssertFieldProblemAsync("format");
        await (await _http.GetAsync($"{api}/nodes/430000/children/export?sort=luck")).AssertFieldProblemAsync("sort");
        await (await _http.GetAsync($"{api}/nodes/430000/children/export?order=up")).AssertFieldProblemAsync("order");
        await (await _http.GetAsync($"{api}/nodes/430000/gap-schools?pageSize=0")).AssertFieldProblemAsync("pageSize");
        await (await _http.GetAsync($"{api}/nodes/430000/gap-schools?page=0")).AssertFieldProblemAsync("page");
        await (await _http.GetAsync($"{api}/nodes/430000/gap-schools/export?format=ods")).AssertFieldProblemAsync("format");
        await (await _http.GetAsync($"{api}/audit/export?from=yesterday")).AssertFieldProblemAsync("from");
        await (await _http.GetAsync($"{api}/audit/export?format=pdf")).AssertFieldProblemAsync("format");
        await (await _http.GetAsync($"{api}/nodes/439999/children/export")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync($"{api}/nodes/439999/gap-schools")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Campaign_results_keep_region_averages_and_branch_scores_in_columns_of_their_own_and_laggards_download()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var campaigns = $"/api/v1/tenants/{tenant}/campaigns";
        var id = (await (await _http.PostAsJsonAsync(campaigns, new { name = "2026年度评定", kind = "annualStarRating", scope = new[] { "430000" } }))
            .JsonAsync()).GetProperty("id").GetString()!;
        var campaign = $"{campaigns}/{id}";
        await (await _http.PostAsJsonAsync($"{campaign}/advance", new { to = "selfAssessment" })).JsonAsync();
        foreach (var branch in new[] { "9430102001-01", "9430202001-01" })
        {
            await (await _http.PutAsJsonAsync($"{campaign}/branches/{branch}/self-assessment", new { scores = Scores.AtShare(0.9m) })).JsonAsync();
        }

        await _http.EventuallyAsync($"{campaign}/progress", p => p.GetProperty("total").GetProperty("submitted").GetInt32() == 2);

        var csv = await _http.GetAsync($"{campaign}/export?format=csv");
        Assert.Equal($"attachment; filename=campaign-{id}-results.csv; filename*=UTF-8''" + Uri.EscapeDataString($"2026年度评定-{id}-结果.csv"),
            csv.Content.Headers.ContentDisposition!.ToString());
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync()).AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal("层级", header[0]);
        Assert.Single(header, h => h == "审核宽松度");
        var (average, score, rating, compliant, compliance) =
            (Array.IndexOf(header, "平均分"), Array.IndexOf(header, "总分"), Array.IndexOf(header, "等级"), Array.IndexOf(header, "达标"), Array.IndexOf(header, "达标率"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var row in rows)
        {
            if (row[0] == "支部")
            {
                Assert.True(row[average] == "" && row[compliance] == "", $"a branch row with a region's average or rate: {string.Join(',', row)}");
            }
            else
            {
                Assert.True(row[score] == "" && row[rating] == "" && row[compliant] == "", $"a {row[0]} row with a branch's score: {string.Join(',', row)}");
            }
        }

        Assert.Equal(["市州", "县市区", "学校", "支部"], rows.Where(r => r[3] == "全部范围（合计）").Select(r => r[0]));
        Assert.Equal(4, rows.Count(r => r[0] == "支部" && r[3] != "全部范围（合计）"));

        using var workbook = Workbook.Read(await (await _http.GetAsync($"{campaign}/export")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["市州", "县市区", "学校", "支部"], workbook.SheetNames);
        var cities = workbook.Rows("市州");
        var completion = Array.IndexOf(cities[0], "自评完成率") + 1;
        Assert.Equal("全部范围（合计）", cities[^1][2]);
        Assert.Equal(0.5, workbook.Number("市州", Cell(completion, cities.Count)));
        Assert.Equal("0.00%", workbook.NumberFormat("市州", Cell(completion, cities.Count)));
        Assert.Equal("A1:" + Column(cities[0].Length) + "3", workbook.AutoFilter("市州"));
        Assert.Equal("Platform", workbook.Creator);

        var laggards = await _http.GetAsync($"{campaign}/laggards/430100/export?format=csv");
        Assert.Contains($"filename=campaign-{id}-430100-laggards-selfAssessment.csv", laggards.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Equal("序号,支部代码,支部名称,学校代码,审核单位代码,待办\r\n1,9430102001-02,第二党支部,9430102001,430102,待自评\r\n",
            await CsvAsync(laggards));
        using var all = Workbook.Read(await (await _http.GetAsync($"{campaign}/laggards/export?stage=review")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["9430102001-01", "9430202001-01"], all.Rows("待审核").Skip(1).Select(r => r[1]));
        await (await _http.GetAsync($"{campaign}/laggards/export?stage=final")).AssertFieldProblemAsync("stage");

        using var zhuzhou = await fixture.CreateAccountAsync(tenant, Role.RegionAdmin, "430200");
        Assert.Equal(HttpStatusCode.OK, (await zhuzhou.Http.GetAsync($"{campaign}/laggards/430200/export")).StatusCode);
        Assert.True((await zhuzhou.Http.GetAsync($"{campaign}/laggards/430100/export")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
        Assert.True((await zhuzhou.Http.GetAsync($"{campaign}/laggards/export")).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_audit_log_downloads_with_the_json_routes_filters_newest_first_in_china_time()
    {
        var api = $"/api/v1/tenants/{await fixture.CreateTenantAsync(GapProvince)}";
        var json = await (await _http.GetAsync($"{api}/audit?pageSize=500")).JsonAsync();
        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);

        using var workbook = Workbook.Read(await (await _http.GetAsync($"{api}/audit/export")).Content.ReadAsByteArrayAsync());
        var rows = workbook.Rows("审计日志");
        Assert.Equal("序号|时间|操作者|操作者姓名|角色|操作|对象|节点|状态码|修改前|修改后", Joined(rows[0]));
        Assert.Equal(entries.Select(e => e.GetProperty("sequence").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        var newest = entries[0].GetProperty("at").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(newest.DateTime, DateTime.FromOADate(workbook.Number("审计日志", "B2")), TimeSpan.FromMilliseconds(1));
        Assert.Equal("yyyy-mm-dd hh:mm:ss", workbook.NumberFormat("审计日志", "B2"));

        var target = entries[0].GetProperty("target").GetString()!;
        var filtered = await CsvAsync(_http, $"{api}/audit/export?format=csv&target={Uri.EscapeDataString(target)}");
        var expected = (await (await _http.GetAsync($"{api}/audit?pageSize=500&target={Uri.EscapeDataString(target)}")).JsonAsync()).GetProperty("entries").GetArrayLength();
        Assert.Equal(expected, filtered.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task An_audit_log_longer_than_a_page_downloads_whole_newest_first_without_a_line_twice()
    {
        var api = $"/api/v1/tenants/{await fixture.CreateTenantAsync(TwoCityProvince.Csv)}";
        var assessment = $"{api}/orgs/9430102001-01/assessment";
        (await _http.PutAsJsonAsync(assessment, new { scores = Scores.AtShare(0.8m) })).EnsureSuccessStatusCode();
        for (var i = 0; i < 520; i++)
        {
            var etag = (await _http.GetAsync(assessment)).Headers.ETag!;
            using var put = new HttpRequestMessage(HttpMethod.Put, assessment) { Content = JsonContent.Create(new { scores = Scores.AtShare(i % 2 == 0 ? 0.9m : 0.8m) }) };
            put.Headers.IfMatch.Add(etag);
            (await _http.SendAsync(put)).EnsureSuccessStatusCode();
        }

        var expected = new List<long>();
        for (var page = 1; ; page++)
        {
            var read = await (await _http.GetAsync($"{api}/audit?pageSize=500&page={page}")).JsonAsync();
            expected.AddRange(read.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            if (!read.GetProperty("hasMore").GetBoolean())
            {
                break;
            }
        }

        Assert.True(expected.Count > 520, $"{expected.Count} lines");
        var sequences = (await CsvAsync(_http, $"{api}/audit/export?format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => long.Parse(line[..line.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, sequences);
    }

    private static (string?, string?, string?, string?, string?) Where(JsonElement school) => (
        school.GetProperty("ownership").GetString(), school.GetProperty("countyCode").GetString(), school.GetProperty("countyName").GetString(),
        school.GetProperty("cityCode").GetString(), school.GetProperty("cityName").GetString());

    /// <summary>A CSV download's text, after checking it starts with the UTF-8 byte order mark Excel needs.</summary>
    private static async Task<string> CsvAsync(HttpClient http, string path) => await CsvAsync(await http.GetAsync(path));

    private static async Task<string> CsvAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes.AsSpan(3));
    }

    private static string Joined(IEnumerable<string?> cells) => string.Join('|', cells);

    private static string Cell(int column, int row) => $"{Column(column)}{row}";

    private static string Column(int column)
    {
        var name = string.Empty;
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
