using System.Net.Http.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests(TelemetryFixture fixture)
{
    private const string AssessmentRoute = "/api/v1/tenants/{tenant}/orgs/{code}/assessment";

    [Fact]
    public async Task The_scrape_counts_each_accepted_submission_of_the_tenant_by_kind()
    {
        using var anonymous = fixture.Metrics();
        var scrape = await PrometheusScrape.ReadAsync(anonymous);
        var tenant = ("tenant", fixture.Tenant);

        // Every branch self-assessed once in the fixture's campaign, and nothing else self-assesses.
        Assert.Equal(TelemetryFixture.CampaignBranches.Length, scrape.Sum("platform_assessment_submissions_total", tenant, ("kind", "selfAssessment")));

        // A baseline more, and the counter moves by exactly one.
        var before = scrape.Sum("platform_assessment_submissions_total", tenant, ("kind", "baseline"));
        Assert.True(before >= 1, "the fixture's baseline assessment was not counted");
        var etag = (await fixture.Gateway.Http.GetAsync($"{fixture.Api}/orgs/{TelemetryFixture.Branch}/assessment")).Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Put, $"{fixture.Api}/orgs/{TelemetryFixture.Branch}/assessment")
        {
            Content = JsonContent.Create(new { scores = Scores.AtShare(0.8m) }),
        };
        again.Headers.IfMatch.Add(etag!);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Gateway.Http.SendAsync(again)).StatusCode);
        await EventuallyAsync(anonymous, s => s.Sum("platform_assessment_submissions_total", tenant, ("kind", "baseline")) == before + 1);
        await Task.Delay(300);
        Assert.Equal(before + 1, (await PrometheusScrape.ReadAsync(anonymous)).Sum("platform_assessment_submissions_total", tenant, ("kind", "baseline")));
    }

    [Fact]
    public async Task A_refused_submission_is_not_counted()
    {
        using var anonymous = fixture.Metrics();
        var tenant = ("tenant", fixture.Tenant);
        var before = (await PrometheusScrape.ReadAsync(anonymous)).Sum("platform_assessment_submissions_total", tenant);

        // A school is not rated: 409, and nothing accepted.
        var refused = await fixture.Gateway.Http.PutAsJsonAsync($"{fixture.Api}/orgs/9430103001/assessment", new { scores = Scores.AtShare(1m) });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);

        await Task.Delay(500);
        Assert.Equal(before, (await PrometheusScrape.ReadAsync(anonymous)).Sum("platform_assessment_submissions_total", tenant));
    }

    [Fact]
    public async Task The_scrape_has_import_rows_stage_transitions_and_the_propagation_lag_of_the_tenant()
    {
        using var anonymous = fixture.Metrics();
        var scrape = await PrometheusScrape.ReadAsync(anonymous);
        var tenant = ("tenant", fixture.Tenant);

        // The small province: 13 rows, all new.
        Assert.Equal(13, scrape.Sum("platform_import_rows_total", tenant, ("outcome", "created")));
        Assert.Equal(0, scrape.Sum("platform_import_rows_total", tenant, ("outcome", "rejected")));
        foreach (var stage in new[] { "draft", "selfAssessment", "review" })
        {
            Assert.Equal(1, scrape.Sum("platform_campaign_stage_transitions_total", tenant, ("stage", stage)));
        }

        Assert.Equal(0, scrape.Sum("platform_campaign_stage_transitions_total", tenant, ("stage", "final")));

        // The baseline assessment travelled branch → school → county → city → province: each region measured it.
        foreach (var level in new[] { "county", "city", "province" })
        {
            Assert.True(scrape.Sum("platform_rollup_propagation_lag_seconds_count", tenant, ("level", level)) >= 1, $"no lag measured at the {level}");
        }

        Assert.DoesNotContain(scrape.Samples, s => s.Name.StartsWith("platform_", StringComparison.Ordinal) && s.Labels.ContainsKey("code"));
    }

    [Fact]
    public async Task The_scrape_has_the_http_server_metrics_by_route()
    {
        using var anonymous = fixture.Metrics();
        var scrape = await PrometheusScrape.ReadAsync(anonymous);

        Assert.True(scrape.Sum("http_server_request_duration_seconds_count", ("http_route", AssessmentRoute), ("http_request_method", "PUT")) >= 1,
            "no PUT of an assessment in http.server.request.duration");
        Assert.Contains("http_server_request_duration_seconds_bucket", scrape.Names);
    }

    [Fact]
    public async Task The_scrape_has_the_orleans_and_runtime_metrics()
    {
        using var anonymous = fixture.Metrics();
        var names = (await PrometheusScrape.ReadAsync(anonymous)).Names;

        Assert.Contains(names, n => n.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("dotnet_gc_", StringComparison.Ordinal));
    }

    private static async Task EventuallyAsync(HttpClient http, Func<PrometheusScrape, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition(await PrometheusScrape.ReadAsync(http)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the scrape never showed it");
            await Task.Delay(100);
        }
    }
}
