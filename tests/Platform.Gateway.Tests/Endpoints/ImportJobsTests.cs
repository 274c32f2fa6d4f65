using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Bench.Imports;
using Platform.Domain.Imports;
using Platform.Gateway.Tests.Imports;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

/// <summary>An import is a job: accepted at once, run by the gateway's worker, polled at its Location.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ImportJobsTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task An_import_answers_202_with_a_location_that_reports_the_job_until_it_is_finished()
    {
        var tenant = await fixture.CreateTenantAsync();
        var response = await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", ImportFiles.Csv(Encoding.UTF8.GetBytes(ImportFiles.SampleCsv)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.JsonAsync();
        var importId = job.GetProperty("importId").GetString()!;
        Assert.Equal($"/api/v1/tenants/{tenant}/imports/{importId}", response.Headers.Location?.OriginalString);
        Assert.Contains(job.GetProperty("status").GetString(), new[] { "queued", "running", "finished" });

        var finished = await PollAsync(response.Headers.Location!.OriginalString);
        Assert.Equal((ImportFiles.SampleRows, ImportFiles.SampleRows, ImportFiles.SampleRows, ImportFiles.SampleRows),
            (finished.GetProperty("rows").GetInt32(), finished.GetProperty("created").GetInt32(),
             finished.GetProperty("rowsDone").GetInt32(), finished.GetProperty("rowsTotal").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460202-LH01")).StatusCode);
    }

    [Fact]
    public async Task Prefer_wait_answers_the_finished_report_with_200()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenant}/imports/hierarchy")
        {
            Content = ImportFiles.Csv(Encoding.UTF8.GetBytes(ImportFiles.SampleCsv)),
            Headers = { { "Prefer", "respond-async, wait=30" } },
        };

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wait=30", Assert.Single(response.Headers.GetValues("Preference-Applied")));
        var report = await response.JsonAsync();
        Assert.Equal(("finished", ImportFiles.SampleRows), (report.GetProperty("status").GetString(), report.GetProperty("created").GetInt32()));
    }

    [Fact]
    public async Task A_file_that_fails_in_the_background_leaves_a_failed_job_that_says_why_and_keeps_nothing()
    {
        var tenant = await fixture.CreateTenantAsync();
        var csv = "kind,code,name,parentCode\nprovince,460000,海南省,\ncity,460100," + new string('海', ImportLimits.MaxLineBytes) + ",460000\n";
        var response = await _http.PostAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", ImportFiles.Csv(Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var failed = await PollAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("line 3", failed.GetProperty("problem").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/tenants/{tenant}/nodes/460000")).StatusCode);
    }

    [Fact]
    public async Task Every_row_is_accounted_for_as_created_updated_unchanged_or_rejected()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        const string csv = """
            kind,code,name,parentCode,members
            branch,9430102001-01,第一党支部,9430102001-00,20
            branch,9430102001-02,改名的第二党支部,9430102001-00,15
            branch,9430102001-09,新党支部,9430102001-00,3
            "branch,9430102001-10,坏引号,9430102001-00,3
            branch,9430102001-11,无主党支部,9439999999-00,3

            branch,9430102001-12,多一格,9430102001-00,3,x
            """;

        var report = await (await _http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", csv)).JsonAsync();

        var counts = (Rows: Count(report, "rows"), Created: Count(report, "created"), Updated: Count(report, "updated"),
            Unchanged: Count(report, "unchanged"), Rejected: Count(report, "rejected"));
        Assert.Equal((6, 1, 1, 1, 3), counts);
        Assert.Equal(counts.Rows, counts.Created + counts.Updated + counts.Unchanged + counts.Rejected);
        Assert.Equal([5, 6, 8], report.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()).Order());
    }

    [Fact]
    public async Task An_unknown_import_is_not_found()
    {
        var tenant = await fixture.CreateTenantAsync();
        await (await _http.GetAsync($"/api/v1/tenants/{tenant}/imports/{Guid.CreateVersion7():N}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static int Count(JsonElement report, string name) => report.GetProperty(name).GetInt32();

    private async Task<JsonElement> PollAsync(string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await (await _http.GetAsync(location)).JsonAsync();
            if (job.GetProperty("status").GetString() is "finished" or "failed")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the import did not end: {job}");
            await Task.Delay(100);
        }
    }
}
