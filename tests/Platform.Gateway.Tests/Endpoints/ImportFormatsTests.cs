using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Bench.Imports;
using Platform.Gateway.Imports;
using Platform.Gateway.Tests.Imports;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

/// <summary>The files people actually have: UTF-8 and GB18030 CSV, XLSX, browser uploads, Chinese headers, a
/// hierarchy exported and imported back.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ImportFormatsTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task The_sample_as_utf8_csv_gb18030_csv_xlsx_and_a_browser_upload_gives_four_identical_hierarchies()
    {
        var csv = ImportFiles.SampleCsv;
        var xlsx = await File.ReadAllBytesAsync(ImportFiles.SampleXlsxPath);
        var files = new (string Name, HttpContent Content)[]
        {
            ("UTF-8 CSV", ImportFiles.Csv(Encoding.UTF8.GetBytes(csv))),
            ("GB18030 CSV", ImportFiles.Csv(TextEncodings.GB18030.GetBytes(csv))),
            ("XLSX", ImportFiles.Xlsx(xlsx)),
            ("browser upload of the GB18030 CSV", ImportFiles.Upload(TextEncodings.GB18030.GetBytes(csv), "海南省.csv")),
            ("browser upload of the XLSX", ImportFiles.Upload(xlsx, "海南省.xlsx")),
        };

        var exports = new List<string>();
        foreach (var (name, content) in files)
        {
            var tenant = await fixture.CreateTenantAsync();
            var response = await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", content);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var report = await response.JsonAsync();
            Assert.Equal((name, ImportFiles.SampleRows, ImportFiles.SampleRows, 0), (name, report.GetProperty("rows").GetInt32(),
                report.GetProperty("created").GetInt32(), report.GetProperty("rejected").GetInt32()));
            exports.Add(await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460000/hierarchy?format=csv")).Content.ReadAsStringAsync());
        }

        Assert.Equal(ImportFiles.SampleRows + 1, ImportFiles.ReadCsv(exports[0]).Count);
        Assert.All(exports, e => Assert.Equal(exports[0], e));
        Assert.Contains("联合党支部,460202-LH01,海棠区小学联合党支部,460202,,,,4602020001;4602020002;4602020003,6,1", exports[0]);
        Assert.Contains("学校,4602020004,海棠区职业学校,460202,中职,民办,农村,,,", exports[0]);
    }

    /// <summary>docs/samples/sample-province.xlsx is this test's workbook: run it with PLATFORM_WRITE_SAMPLES=1 to write it
    /// again after changing the CSV.</summary>
    [Fact]
    public async Task The_committed_sample_workbook_holds_the_rows_of_the_sample_csv()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_WRITE_SAMPLES") == "1")
        {
            await File.WriteAllBytesAsync(ImportFiles.SampleXlsxPath, await ImportFiles.SampleXlsxAsync());
        }

        using var committed = XlsxRecordSource.Open(File.OpenRead(ImportFiles.SampleXlsxPath));
        using var generated = XlsxRecordSource.Open(new MemoryStream(await ImportFiles.SampleXlsxAsync()));
        var rows = await RecordsAsync(committed);

        Assert.Equal(await RecordsAsync(generated), rows);
        Assert.Equal(ImportFiles.ReadCsv(ImportFiles.SampleCsv).Select(r => string.Join('|', r).TrimEnd('|')), rows);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task An_exported_hierarchy_imports_back_with_every_row_unchanged(string format)
    {
        var tenant = await fixture.CreateTenantAsync(ImportFiles.SampleCsv);
        var export = await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460000/hierarchy?format={format}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();

        var report = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy",
            format == "csv" ? ImportFiles.Csv(bytes) : ImportFiles.Xlsx(bytes))).JsonAsync();

        Assert.Equal((ImportFiles.SampleRows, ImportFiles.SampleRows, 0), (report.GetProperty("rows").GetInt32(),
            report.GetProperty("unchanged").GetInt32(), report.GetProperty("warnings").GetArrayLength()));
    }

    [Fact]
    public async Task A_subtree_exports_alone_and_an_unknown_node_is_not_found()
    {
        var tenant = await fixture.CreateTenantAsync(ImportFiles.SampleCsv);
        var county = ImportFiles.ReadCsv(await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460202/hierarchy?format=csv")).Content.ReadAsStringAsync());

        Assert.Equal("460202", county[1][1]);
        Assert.Equal(["460202", "460202-LH01", "4602020001", "4602020002", "4602020003", "4602020004", "4602020004-01"], county.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal));
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/469999/hierarchy")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460202/hierarchy?format=pdf")).AssertFieldProblemAsync("format");
    }

    [Fact]
    public async Task A_workbook_of_one_sheet_per_level_may_leave_out_the_kind_column_where_the_sheet_names_it()
    {
        var tenant = await fixture.CreateTenantAsync();
        var xlsx = await ImportFiles.XlsxAsync(
            ("省", [["代码", "名称", "上级代码"], ["460000", "海南省", ""]]),
            ("市", [["代码", "名称", "上级代码"], ["460100", "海口市", "460000"]]),
            ("县", [["代码", "名称", "上级代码"], ["460105", "秀英区", "460100"]]),
            ("学校", [["代码", "名称", "上级代码", "学段", "办学性质", "城乡"], ["4601050001", "海口市第一中学", "460105", "高中", "公办", "城镇"]]),
            ("党组织", [["类型", "代码", "名称", "上级代码", "党员数", "预备党员数"], ["党支部", "4601050001-01", "第一党支部", "4601050001", "18", "2"],
                ["", "4601050001-02", "无类型党支部", "4601050001", "3", "0"]]));

        var report = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", ImportFiles.Xlsx(xlsx))).JsonAsync();

        Assert.Equal((6, 5, 1), (report.GetProperty("rows").GetInt32(), report.GetProperty("created").GetInt32(), report.GetProperty("rejected").GetInt32()));
        var rejection = Assert.Single(report.GetProperty("rejections").EnumerateArray());
        Assert.Equal(("党组织", 3, "kind"), (rejection.GetProperty("sheet").GetString(), rejection.GetProperty("line").GetInt32(),
            rejection.GetProperty("errors")[0].GetProperty("field").GetString()));
        var school = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/4601050001")).JsonAsync();
        Assert.Equal("seniorSecondary", school.GetProperty("school").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Chinese_headers_import_and_an_unknown_column_is_ignored_with_a_warning()
    {
        var tenant = await fixture.CreateTenantAsync();
        const string csv = "类型,代码,名称,上级代码,备注\n省,460000,海南省,,省级\n市,460100,海口市,460000,\n";

        var report = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", csv)).JsonAsync();

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        var warning = Assert.Single(report.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains("'备注'", warning);
        Assert.Contains("ignored", warning);
    }

    [Fact]
    public async Task An_empty_optional_cell_keeps_the_stored_value()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        const string csv = """
            类型,代码,名称,上级代码,学段,办学性质,城乡,党员数,预备党员数
            党支部,9430102001-01,改名的第一党支部,9430102001-00,,,,,
            学校,9430103002,天心区幸福幼儿园,430103,,,城镇,,
            """;

        var report = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", csv)).JsonAsync();

        Assert.Equal(2, report.GetProperty("updated").GetInt32());
        var branch = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430102001-01")).JsonAsync();
        Assert.Equal(("改名的第一党支部", 20, 1), (branch.GetProperty("name").GetString(), branch.GetProperty("members").GetInt32(),
            branch.GetProperty("probationaryMembers").GetInt32()));
        var school = (await (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/9430103002")).JsonAsync()).GetProperty("school");
        Assert.Equal(("kindergarten", "private", "urban"), (school.GetProperty("stage").GetString(), school.GetProperty("ownership").GetString(),
            school.GetProperty("location").GetString()));
    }

    [Fact]
    public async Task Rejected_rows_download_as_xlsx_in_the_columns_of_the_file()
    {
        var tenant = await fixture.CreateTenantAsync();
        const string csv = "类型,代码,名称,上级代码,备注\n省,460000,海南省,,\n市,460100,海口市,450000,上级写错了\n";
        var report = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", csv)).JsonAsync();

        var download = await _http.GetAsync(report.GetProperty("rejectionsUrl").GetString() + "?format=xlsx");

        Assert.Equal(ImportFiles.XlsxType, download.Content.Headers.ContentType?.MediaType);
        using var workbook = XlsxRecordSource.Open(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var rows = await RecordsAsync(workbook);
        Assert.Equal("行号|类型|代码|名称|上级代码|备注|原因", rows[0]);
        Assert.StartsWith("3|市|460100|海口市|450000|上级写错了|parentCode: ", rows[1], StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task A_corrected_rejections_file_imports_back_without_warnings()
    {
        var tenant = await fixture.CreateTenantAsync();
        var report = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy",
            "类型,代码,名称,上级代码\n省,460000,海南省,\n市,460100,海口市,450000\n")).JsonAsync();
        var rejected = await (await _http.GetAsync(report.GetProperty("rejectionsUrl").GetString())).Content.ReadAsStringAsync();

        var corrected = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", rejected.Replace(",450000,", ",460000,"))).JsonAsync();

        Assert.Equal((1, 0), (corrected.GetProperty("created").GetInt32(), corrected.GetProperty("warnings").GetArrayLength()));
    }

    [Fact]
    public async Task The_template_has_the_chinese_header_and_the_workbook_lists_the_allowed_values()
    {
        var tenant = await fixture.CreateTenantAsync();
        var csv = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/imports/hierarchy/template?format=csv")).Content.ReadAsStringAsync();
        Assert.Equal(["类型", "代码", "名称", "上级代码", "学段", "办学性质", "城乡", "覆盖学校", "党员数", "预备党员数"], Assert.Single(ImportFiles.ReadCsv(csv)));

        var xlsx = await (await _http.GetAsync($"/api/v1/tenants/{tenant}/imports/hierarchy/template?format=xlsx")).Content.ReadAsByteArrayAsync();
        using (var workbook = XlsxRecordSource.Open(new MemoryStream(xlsx)))
        {
            Assert.Equal(["类型|代码|名称|上级代码|学段|办学性质|城乡|覆盖学校|党员数|预备党员数"], await RecordsAsync(workbook));
            Assert.False(await workbook.NextTableAsync(CancellationToken.None));
        }

        var sheets = WorksheetText(xlsx);
        Assert.Contains("联合党支部 (jointBranch)", sheets);
        Assert.Contains("民办 (private)", sheets);
        Assert.Contains(HierarchyFormat.ValuesSheet, WorkbookText(xlsx));

        // The filled-in template imports: its sheet of allowed values is skipped.
        var filled = await ImportFiles.XlsxAsync(("层级", ImportFiles.ReadCsv(ImportFiles.SampleCsv)),
            (HierarchyFormat.ValuesSheet, [["列 (column)", "可选值 (allowed values)"], ["类型 (kind)", "省"]]));
        var report = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", ImportFiles.Xlsx(filled))).JsonAsync();
        Assert.Equal(ImportFiles.SampleRows, report.GetProperty("created").GetInt32());
    }

    [Theory]
    [InlineData("an Excel 97-2003 workbook", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 }, ".xls")]
    [InlineData("a zip that is not a workbook", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0 }, "workbook")]
    public async Task A_file_that_is_no_workbook_is_refused(string name, byte[] bytes, string expected)
    {
        var tenant = await fixture.CreateTenantAsync();
        var response = await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", ImportFiles.Xlsx(bytes));
        var problem = await response.AssertFieldProblemAsync("file");
        Assert.True(problem.GetProperty("detail").GetString()!.Contains(expected, StringComparison.Ordinal), name);
    }

    [Fact]
    public async Task A_form_without_a_file_part_is_refused_naming_the_part()
    {
        var tenant = await fixture.CreateTenantAsync();
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(SmallProvince.Csv)), "upload", "p.csv" } };
        var problem = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", form)).AssertFieldProblemAsync("file");
        Assert.Contains("'file'", problem.GetProperty("detail").GetString());
    }

    private static async Task<List<string>> RecordsAsync(IRecordSource source)
    {
        var rows = new List<string>();
        if (source.Sheet is null && !await source.NextTableAsync(CancellationToken.None))
        {
            return rows;
        }

        while (await source.ReadAsync(100, CancellationToken.None) is { } record)
        {
            rows.Add(string.Join('|', record.Cells));
        }

        return rows;
    }

    /// <summary>The XML of every worksheet, whatever the writer names their parts.</summary>
    private static string WorksheetText(byte[] xlsx) => PartsText(xlsx, "xl/worksheets/");

    private static string WorkbookText(byte[] xlsx) => PartsText(xlsx, "xl/workbook.xml");

    private static string PartsText(byte[] xlsx, string prefix)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
