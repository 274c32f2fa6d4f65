using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

/// <summary>
/// After a campaign's final, a branch's standing rating changes only through a veto event or an admin's correction,
/// each audited, and never past the quota (名额) of the campaign that set it: not through the baseline route that
/// once let a region reach 35 five-star branches against 34 seats.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StandingRatingEndpointsTests(GatewayFixture fixture)
{
    // Totals 108.9, 106.7, 104.5 and 102.3: all earn 5★; the province has 2 five-star seats for 4 rated branches.
    private static readonly (string Code, decimal Share)[] Branches =
        [("9430102001-01", 0.99m), ("9430102001-02", 0.97m), ("9430202001-01", 0.95m), ("9430202002-01", 0.93m)];

    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task After_final_only_audited_vetoes_and_corrections_within_the_quota_change_an_official_rating()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv, minimumPublicityDays: 0);
        var api = $"/api/v1/tenants/{tenant}";
        await RunCampaignToFinalAsync(api);
        var first = Branches[0].Code;
        var (demoted, lastDemoted) = (Branches[2].Code, Branches[3].Code);
        var official = await ReadAsync($"{api}/orgs/{demoted}/assessment");
        Assert.Equal(("star4", "c1"), (official.GetProperty("rating").GetString(), official.GetProperty("ratedByCampaign").GetString()));

        // The baseline route no longer touches an official rating, whatever the If-Match.
        var put = await SendAsync(HttpMethod.Put, $"{api}/orgs/{demoted}/assessment", ETag(official), new { scores = Scores.AtShare(1m) });
        var refused = await put.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("c1", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(official.GetRawText(), (await ReadAsync($"{api}/orgs/{demoted}/assessment")).GetRawText());

        // A correction that would lift a quota-demoted branch back into a full level is refused, naming the seats.
        var lowered = Lowered(official);
        var overQuota = await SendAsync(HttpMethod.Post, $"{api}/orgs/{demoted}/assessment/corrections", ETag(official), lowered);
        Assert.Contains("2 seats", (await overQuota.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(official.GetRawText(), (await ReadAsync($"{api}/orgs/{demoted}/assessment")).GetRawText());

        // A veto event drops a five-star branch at once, which frees a seat.
        var five = await ReadAsync($"{api}/orgs/{first}/assessment");
        var vetoed = await (await SendAsync(HttpMethod.Post, $"{api}/orgs/{first}/assessment/vetoes", ETag(five),
            new { vetoId = "V1", reason = "教师师德失范，经查属实" })).JsonAsync();
        Assert.Equal("star2", vetoed.GetProperty("rating").GetString());
        Assert.False(vetoed.GetProperty("compliant").GetBoolean());

        // Now the correction fits, and the next one does not.
        var corrected = await (await SendAsync(HttpMethod.Post, $"{api}/orgs/{demoted}/assessment/corrections", ETag(official), lowered)).JsonAsync();
        Assert.Equal("star5", corrected.GetProperty("rating").GetString());
        var last = await ReadAsync($"{api}/orgs/{lastDemoted}/assessment");
        await (await SendAsync(HttpMethod.Post, $"{api}/orgs/{lastDemoted}/assessment/corrections", ETag(last), Lowered(last)))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        // Every change is a line: who, when, which path, old and new, why.
        var history = await ReadAsync($"{api}/orgs/{demoted}/assessment/history");
        Assert.Equal(["campaignFinal", "correction"], history.EnumerateArray().Select(l => l.GetProperty("source").GetString()));
        var final = history[0];
        Assert.Equal(("star4", "c1"), (final.GetProperty("newRating").GetString(), final.GetProperty("campaignId").GetString()));
        Assert.Contains("quota", final.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var correction = history[1];
        Assert.Equal(("star4", "star5", "复核更正"), (correction.GetProperty("oldRating").GetString(),
            correction.GetProperty("newRating").GetString(), correction.GetProperty("reason").GetString()));

        // The actor is the signed-in admin, as the audit names an account: its username and account id.
        Assert.StartsWith($"{fixture.AdminOf(tenant).Username} (", correction.GetProperty("actor").GetString());
        Assert.Equal("2.1", Assert.Single(correction.GetProperty("indicators").EnumerateArray()).GetProperty("indicator").GetString());
        var veto = (await ReadAsync($"{api}/orgs/{first}/assessment/history"))[1];
        Assert.Equal(("veto", "star5", "star2"), (veto.GetProperty("source").GetString(), veto.GetProperty("oldRating").GetString(), veto.GetProperty("newRating").GetString()));

        await _http.EventuallyAsync($"{api}/nodes/430000/summary",
            s => s.GetProperty("ratings").GetProperty("star5").GetInt32() == 2 && s.GetProperty("ratings").GetProperty("star2").GetInt32() == 1);
    }

    [Fact]
    public async Task A_veto_or_correction_needs_the_revision_read_and_a_reason_and_changes_nothing_without_them()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var api = $"/api/v1/tenants/{tenant}";
        var branch = Branches[0].Code;
        var stored = await (await SendAsync(HttpMethod.Put, $"{api}/orgs/{branch}/assessment", null, new { scores = Scores.AtShare(0.9m) })).JsonAsync();
        var read = await ReadAsync($"{api}/orgs/{branch}/assessment");

        await (await SendAsync(HttpMethod.Post, $"{api}/orgs/{branch}/assessment/vetoes", null, new { vetoId = "V1", reason = "理由" }))
            .AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await SendAsync(HttpMethod.Post, $"{api}/orgs/{branch}/assessment/vetoes", "\"99\"", new { vetoId = "V1", reason = "理由" }))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await SendAsync(HttpMethod.Post, $"{api}/orgs/{branch}/assessment/vetoes", ETag(stored), new { vetoId = "V1" }))
            .AssertFieldProblemAsync("reason");
        await (await SendAsync(HttpMethod.Post, $"{api}/orgs/{branch}/assessment/vetoes", ETag(stored), new { vetoId = "V9", reason = "理由" }))
            .AssertFieldProblemAsync("vetoId");
        await (await SendAsync(HttpMethod.Post, $"{api}/orgs/{branch}/assessment/corrections", ETag(stored),
            new { reason = "复核", scores = new Dictionary<string, decimal> { ["2.1"] = 1m } })).AssertFieldProblemAsync("reasons.2.1");

        Assert.Equal(read.GetRawText(), (await ReadAsync($"{api}/orgs/{branch}/assessment")).GetRawText());
        Assert.Single((await ReadAsync($"{api}/orgs/{branch}/assessment/history")).EnumerateArray());
    }

    /// <summary>The same scores with 2.1 half a point lower: still a five-star total, with a reason.</summary>
    private static object Lowered(JsonElement assessment)
    {
        var points = assessment.GetProperty("scores").GetProperty("2.1").GetDecimal() - 0.5m;
        return new
        {
            reason = "复核更正",
            scores = new Dictionary<string, decimal> { ["2.1"] = points },
            reasons = new Dictionary<string, string> { ["2.1"] = "党课记录缺一次" },
        };
    }

    /// <summary>Every branch self-assesses, is reviewed unchanged, and the campaign goes to final with a 50% five-star quota.</summary>
    private async Task RunCampaignToFinalAsync(string api)
    {
        var created = await (await _http.PostAsJsonAsync($"{api}/campaigns", new
        {
            name = "五化星级评定",
            kind = "annualStarRating",
            scope = new[] { "430000" },
            crossCheck = new { sampleRate = 0, minimumPerCity = 0 },
            quotas = new { regionLevel = "province", maxShares = new Dictionary<string, decimal> { ["star5"] = 0.5m } },
        })).JsonAsync();
        var campaign = $"{api}/campaigns/{created.GetProperty("id").GetString()}";
        await AdvanceAsync(campaign, "selfAssessment");
        foreach (var (code, share) in Branches)
        {
            await (await SendAsync(HttpMethod.Put, $"{campaign}/branches/{code}/self-assessment", null, new { scores = Scores.AtShare(share) })).JsonAsync();
        }

        await AdvanceAsync(campaign, "review");
        foreach (var (code, _) in Branches)
        {
            var entry = await _http.GetAsync($"{campaign}/branches/{code}");
            await (await SendAsync(HttpMethod.Put, $"{campaign}/branches/{code}/review", entry.Headers.ETag!.Tag, new { })).JsonAsync();
        }

        foreach (var stage in new[] { "crossCheck", "publicity", "final" })
        {
            await AdvanceAsync(campaign, stage);
        }
    }

    private async Task AdvanceAsync(string campaign, string to) =>
        await (await _http.PostAsJsonAsync($"{campaign}/advance", new { to })).JsonAsync();

    private async Task<JsonElement> ReadAsync(string path) => await (await _http.GetAsync(path)).JsonAsync();

    /// <summary>The assessment's ETag, which is its revision.</summary>
    private static string ETag(JsonElement assessment) => $"\"{assessment.GetProperty("revision").GetInt32()}\"";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? ifMatch, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _http.SendAsync(request);
    }
}
