using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Endpoints;

/// <summary>A campaign run start to finish over HTTP, as the README walkthrough runs it, and its refusals.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CampaignEndpointsTests(GatewayFixture fixture)
{
    private static readonly string[] Branches = ["9430102001-01", "9430102001-02", "9430202001-01", "9430202002-01"];

    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task A_campaign_runs_from_draft_to_final_over_http_and_the_results_reach_the_hierarchy()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv, minimumPublicityDays: 0);
        var campaigns = $"/api/v1/tenants/{tenant}/campaigns";
        var created = await _http.PostAsJsonAsync(campaigns, new
        {
            name = "2026年度五化星级评定",
            kind = "annualStarRating",
            scope = new[] { "430000" },
            deadlines = new Dictionary<string, DateTimeOffset> { ["selfAssessment"] = DateTimeOffset.UtcNow.AddDays(30) },
            crossCheck = new { sampleRate = 0.5, minimumPerCity = 1 },
            quotas = new { regionLevel = "province", maxShares = new Dictionary<string, decimal> { ["star5"] = 0.3m } },
            seed = "7",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdJson = await created.JsonAsync();
        Assert.Equal("7", createdJson.GetProperty("seed").GetString());
        var id = createdJson.GetProperty("id").GetString()!;
        var campaign = $"{campaigns}/{id}";

        var opened = await Advance(campaign, "selfAssessment");
        Assert.Equal(4, opened.GetProperty("branches").GetInt32());

        foreach (var branch in Branches)
        {
            var self = await Send(HttpMethod.Put, $"{campaign}/branches/{branch}/self-assessment", null, new
            {
                scores = Scores.AtShare(branch.EndsWith("-02", StringComparison.Ordinal) ? 0.7m : 0.95m),
                evidence = new Dictionary<string, string> { ["2.1"] = "支委会记录12份" },
            });
            Assert.Equal("\"1\"", self.Headers.ETag?.Tag);
        }

        // Progress is eventually exact: the tallies take a report interval to hear of the last self-assessment.
        var laggards = await _http.EventuallyAsync($"{campaign}/laggards/430000?stage=review", l => l.GetArrayLength() == 4);
        Assert.Equal("430102", laggards.EnumerateArray().First(l => l.GetProperty("code").GetString() == "9430102001-01").GetProperty("supervisor").GetString());

        await Advance(campaign, "review");
        foreach (var branch in Branches)
        {
            await Send(HttpMethod.Put, $"{campaign}/branches/{branch}/review", await ETagOf(campaign, branch), new
            {
                scores = new Dictionary<string, decimal> { ["2.1"] = 3 },
                reasons = new Dictionary<string, string> { ["2.1"] = "党课记录不全" },
            });
        }

        // A second review revises the first: the history keeps all three submissions, and the first review's change stands.
        var revised = await (await Send(HttpMethod.Put, $"{campaign}/branches/{Branches[0]}/review", await ETagOf(campaign, Branches[0]), new
        {
            scores = new Dictionary<string, decimal> { ["5.1"] = 3 },
            reasons = new Dictionary<string, string> { ["5.1"] = "阵地功能不全" },
        })).JsonAsync();
        Assert.Equal(["selfAssessment", "review", "review"], revised.GetProperty("submissions").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(3m, revised.GetProperty("result").GetProperty("scores").GetProperty("2.1").GetDecimal());
        Assert.Equal(3m, revised.GetProperty("result").GetProperty("scores").GetProperty("5.1").GetDecimal());

        var drawn = await Advance(campaign, "crossCheck");
        Assert.True(drawn.GetProperty("sampled").GetInt32() >= 2);
        foreach (var branch in Branches)
        {
            var entry = await (await _http.GetAsync($"{campaign}/branches/{branch}")).JsonAsync();
            if (entry.GetProperty("crossCheck").ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var reviewer = entry.GetProperty("crossCheck").GetProperty("reviewerCity").GetString()!;
            Assert.NotEqual(entry.GetProperty("branch").GetProperty("city").GetString(), reviewer);
            await Send(HttpMethod.Put, $"{campaign}/branches/{branch}/cross-check", await ETagOf(campaign, branch), new
            {
                scores = new Dictionary<string, decimal> { ["5.1"] = 1 },
                reasons = new Dictionary<string, string> { ["5.1"] = "活动室标识不统一" },
            });
        }

        await Advance(campaign, "publicity");
        var appellant = Branches[2];
        await Send(HttpMethod.Post, $"{campaign}/branches/{appellant}/appeal", await ETagOf(campaign, appellant), new
        {
            indicators = new[] { "2.1" }, reason = "党课记录已补交",
        });
        var blocked = await _http.PostAsJsonAsync($"{campaign}/advance", new { to = "final" });
        await blocked.AssertProblemAsync(HttpStatusCode.Conflict);
        await Send(HttpMethod.Put, $"{campaign}/branches/{appellant}/appeal/decision", await ETagOf(campaign, appellant), new
        {
            upheld = true, reason = "补交材料属实",
            scores = new Dictionary<string, decimal> { ["2.1"] = 5m },
            reasons = new Dictionary<string, string> { ["2.1"] = "按补交记录改正" },
        });

        var final = await Advance(campaign, "final");
        Assert.Equal("final", final.GetProperty("stage").GetString());
        Assert.Equal(4, final.GetProperty("finalised").GetInt32());

        var progress = await _http.EventuallyAsync($"{campaign}/progress", p => p.GetProperty("total").GetProperty("finalised").GetInt32() == 4);
        var total = progress.GetProperty("total");
        Assert.Equal(4, total.GetProperty("rated").GetInt32());
        Assert.Equal(1, total.GetProperty("appealed").GetInt32());
        Assert.True(total.GetProperty("ratings").TryGetProperty("star5", out var fiveStars) ? fiveStars.GetInt32() <= 1 : true);

        var ranked = await (await _http.GetAsync($"{campaign}/progress/430000?sortBy=generosity")).JsonAsync();
        Assert.Equal("generosity", ranked.GetProperty("rankedBy").GetString());
        Assert.Equal(2, ranked.GetProperty("children").GetArrayLength());

        var audit = await (await _http.GetAsync($"{campaign}/branches/{appellant}/audit")).JsonAsync();
        Assert.Contains(audit.EnumerateArray(), r => r.GetProperty("stage").GetString() == "review" && r.GetProperty("reason").GetString() == "党课记录不全");
        Assert.Contains(audit.EnumerateArray(), r => r.GetProperty("stage").GetString() == "publicity" && r.GetProperty("new").GetDecimal() == 5m);
        var campaignAudit = await (await _http.GetAsync($"{campaign}/audit?limit=10")).JsonAsync();
        Assert.True(campaignAudit.GetProperty("records").GetArrayLength() >= audit.GetArrayLength());

        // The official results are now the branches' current ratings in the standing hierarchy.
        var province = await _http.EventuallyAsync($"/api/v1/tenants/{tenant}/nodes/430000/summary", s => s.GetProperty("assessed").GetInt32() == 4);
        Assert.Equal(total.GetProperty("compliant").GetInt32(), province.GetProperty("compliant").GetInt32());

        var csv = await _http.GetAsync($"{campaign}/export?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var csvText = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains("9430202002-01", csvText);
        Assert.Contains("支部", csvText);

        var xlsx = await _http.GetAsync($"{campaign}/export?format=xlsx");
        using var workbook = new ZipArchive(await xlsx.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var sheets = new StreamReader(workbook.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd();
        foreach (var sheet in new[] { "市州", "县市区", "学校", "支部" })
        {
            Assert.Contains(sheet, sheets);
        }

        var again = await _http.PostAsJsonAsync($"{campaign}/advance", new { to = "final" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_campaign_requests_are_refused_with_problems_that_name_the_field()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var campaigns = $"/api/v1/tenants/{tenant}/campaigns";
        await (await _http.PostAsJsonAsync(campaigns, new { name = "x", kind = "picnic", scope = new[] { "430000" } })).AssertFieldProblemAsync("kind");
        await (await _http.PostAsJsonAsync(campaigns, new { name = "x", kind = "annualStarRating", scope = new[] { "439999" } })).AssertFieldProblemAsync("scope[0]");
        await (await _http.PostAsJsonAsync(campaigns, new { name = "x", kind = "annualStarRating", scope = new[] { "430000" }, crossCheck = new { sampleRate = 2 } }))
            .AssertFieldProblemAsync("crossCheck.sampleRate");
        await (await _http.PostAsJsonAsync(campaigns, new { name = "x", kind = "annualStarRating", scope = new[] { "430000" }, frameworkVersion = 9 }))
            .AssertFieldProblemAsync("frameworkVersion");
        await (await _http.GetAsync($"{campaigns}/c999")).AssertProblemAsync(HttpStatusCode.NotFound);

        var id = (await (await _http.PostAsJsonAsync(campaigns, new { name = "评议", kind = "cityAppraisal", scope = new[] { "430100", "430200" } })).JsonAsync())
            .GetProperty("id").GetString()!;
        var campaign = $"{campaigns}/{id}";
        await (await _http.PostAsJsonAsync($"{campaign}/advance", new { to = "review" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await _http.PostAsJsonAsync($"{campaign}/advance", new { to = "someday" })).AssertFieldProblemAsync("to");
        await Advance(campaign, "selfAssessment");

        var branch = $"{campaign}/branches/{Branches[0]}";
        await (await _http.PutAsJsonAsync($"{branch}/self-assessment", new { scores = new Dictionary<string, decimal> { ["2.1"] = 99 } }))
            .AssertFieldProblemAsync("scores.2.1");
        var retired = await (await _http.PutAsJsonAsync($"{branch}/self-assessment", new { actor = "书记", scores = Scores.AtShare(0.9m) })).AssertFieldProblemAsync("actor");
        Assert.Contains("no longer taken", retired.GetProperty("errors").GetProperty("actor")[0].GetString());
        await (await _http.PutAsJsonAsync($"{branch}/review", new { scores = new Dictionary<string, decimal>() }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await Send(HttpMethod.Put, $"{branch}/self-assessment", null, new { scores = Scores.AtShare(0.9m) });
        await (await _http.PutAsJsonAsync($"{branch}/self-assessment", new { scores = Scores.AtShare(0.8m) }))
            .AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"{branch}/self-assessment") { Content = JsonContent.Create(new { scores = Scores.AtShare(0.8m) }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        await (await _http.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await _http.GetAsync($"{campaign}/branches/9439999999-01")).AssertProblemAsync(HttpStatusCode.NotFound);

        await Advance(campaign, "review");
        var unexplained = new HttpRequestMessage(HttpMethod.Put, $"{branch}/review")
        {
            Content = JsonContent.Create(new { scores = new Dictionary<string, decimal> { ["2.1"] = 1 } }),
        };
        unexplained.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await (await _http.SendAsync(unexplained)).AssertFieldProblemAsync("reasons.2.1");

        var entry = await (await _http.GetAsync(branch)).JsonAsync();
        Assert.Equal(1, entry.GetProperty("revision").GetInt32());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("review").ValueKind);
        await (await _http.GetAsync($"{campaign}/export?format=pdf")).AssertFieldProblemAsync("format");
        await (await _http.GetAsync($"{campaign}/progress?sortBy=luck")).AssertFieldProblemAsync("sortBy");
    }

    [Fact]
    public async Task The_seed_travels_as_a_string_of_digits_and_a_json_number_is_refused_naming_the_seed()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var campaigns = $"/api/v1/tenants/{tenant}/campaigns";
        object Draft(object seed) => new { name = "评定", kind = "annualStarRating", scope = new[] { "430000" }, seed };

        // 2^53 + 1: a JavaScript number would silently become 9007199254740992.
        var created = await (await _http.PostAsJsonAsync(campaigns, Draft("9007199254740993"))).JsonAsync();
        Assert.Equal("9007199254740993", created.GetProperty("seed").GetString());
        var read = await (await _http.GetAsync($"{campaigns}/{created.GetProperty("id").GetString()}")).JsonAsync();
        Assert.Equal("9007199254740993", read.GetProperty("seed").GetString());

        var number = await (await _http.PostAsJsonAsync(campaigns, Draft(9007199254740993L))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("seed", number.GetProperty("detail").GetString());
        Assert.Contains("string of decimal digits", number.GetProperty("detail").GetString());
        await (await _http.PostAsJsonAsync(campaigns, Draft("12a"))).AssertFieldProblemAsync("seed");
        await (await _http.PostAsJsonAsync(campaigns, Draft("-5"))).AssertFieldProblemAsync("seed");
        await (await _http.PostAsJsonAsync(campaigns, Draft("9223372036854775808"))).AssertFieldProblemAsync("seed");
        var listed = await (await _http.GetAsync(campaigns)).JsonAsync();
        Assert.Equal(1, listed.GetArrayLength());
    }

    [Fact]
    public async Task No_progress_answer_laggard_list_or_export_shows_the_internal_scope_key()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var campaigns = $"/api/v1/tenants/{tenant}/campaigns";
        var id = (await (await _http.PostAsJsonAsync(campaigns, new { name = "评定", kind = "annualStarRating", scope = new[] { "430100", "430200" } }))
            .JsonAsync()).GetProperty("id").GetString()!;
        var campaign = $"{campaigns}/{id}";
        await Advance(campaign, "selfAssessment");

        var whole = await _http.EventuallyAsync($"{campaign}/progress", p => p.GetProperty("total").GetProperty("inScope").GetInt32() == 4);
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("code").ValueKind);
        var city = await (await _http.GetAsync($"{campaign}/progress/430100")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, city.GetProperty("parentCode").ValueKind);
        var laggards = await (await _http.GetAsync($"{campaign}/laggards")).JsonAsync();
        Assert.Equal(Branches.Order(StringComparer.Ordinal), laggards.EnumerateArray().Select(l => l.GetProperty("code").GetString()).Order(StringComparer.Ordinal));

        foreach (var text in new[]
        {
            whole.GetRawText(), city.GetRawText(), laggards.GetRawText(),
            await _http.GetStringAsync($"{campaign}/export?format=csv"),
            await XlsxTextAsync($"{campaign}/export?format=xlsx"),
        })
        {
            Assert.DoesNotContain("$scope", text);
        }

        await (await _http.GetAsync($"{campaign}/progress/%24scope")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.GetAsync($"{campaign}/laggards/%24scope")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_branch_sent_back_is_listed_as_owing_a_self_assessment_not_a_review()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var campaigns = $"/api/v1/tenants/{tenant}/campaigns";
        var id = (await (await _http.PostAsJsonAsync(campaigns, new
        {
            name = "评定", kind = "annualStarRating", scope = new[] { "430000" },
            crossCheck = new { sampleRate = 1, minimumPerCity = 1, cascadeOnFailure = true },
        })).JsonAsync()).GetProperty("id").GetString()!;
        var campaign = $"{campaigns}/{id}";
        var (failing, sibling) = (Branches[0], Branches[1]);
        await Advance(campaign, "selfAssessment");
        foreach (var branch in Branches)
        {
            await Send(HttpMethod.Put, $"{campaign}/branches/{branch}/self-assessment", null, new { scores = Scores.AtShare(0.9m) });
        }

        await Advance(campaign, "review");
        foreach (var branch in Branches)
        {
            await Send(HttpMethod.Put, $"{campaign}/branches/{branch}/review", await ETagOf(campaign, branch), new { });
        }

        await Advance(campaign, "crossCheck");
        await Send(HttpMethod.Put, $"{campaign}/branches/{failing}/cross-check", await ETagOf(campaign, failing), new
        {
            scores = Scores.AtShare(0m), reasons = Scores.AtShare(0m).ToDictionary(p => p.Key, _ => "抽查未达标"),
        });
        var returned = await (await _http.GetAsync($"{campaign}/branches/{sibling}")).JsonAsync();
        Assert.True(returned.GetProperty("awaitingReassessment").GetBoolean());
        Assert.Equal(JsonValueKind.Object, returned.GetProperty("review").ValueKind);

        // Progress above a school is forwarded within a few reports' time, so wait for the region to see the return.
        var owingSelf = await _http.EventuallyAsync($"{campaign}/laggards/430000?stage=selfAssessment", l => l.GetArrayLength() > 0);
        var laggard = Assert.Single(owingSelf.EnumerateArray());
        Assert.Equal((sibling, "selfAssessment"), (laggard.GetProperty("code").GetString(), laggard.GetProperty("missing").GetString()));
        var owingReview = await (await _http.GetAsync($"{campaign}/laggards/430000?stage=review")).JsonAsync();
        Assert.Empty(owingReview.EnumerateArray());

        // Once it self-assesses again, it owes the review of that.
        await Send(HttpMethod.Put, $"{campaign}/branches/{sibling}/self-assessment", await ETagOf(campaign, sibling), new { scores = Scores.AtShare(0.8m) });
        var owing = await _http.EventuallyAsync($"{campaign}/laggards/430000?stage=review", l => l.GetArrayLength() > 0);
        Assert.Equal(sibling, Assert.Single(owing.EnumerateArray()).GetProperty("code").GetString());
        Assert.Empty((await (await _http.GetAsync($"{campaign}/laggards/430000?stage=selfAssessment")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_tenant_sets_its_minimum_publicity_and_final_waits_for_it()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var tenantPath = $"/api/v1/tenants/{tenant}";
        Assert.Equal(5, (await (await _http.GetAsync(tenantPath)).JsonAsync()).GetProperty("minimumPublicityDays").GetInt32());
        var campaigns = $"{tenantPath}/campaigns";
        var id = (await (await _http.PostAsJsonAsync(campaigns, new { name = "评定", kind = "annualStarRating", scope = new[] { "430000" } }))
            .JsonAsync()).GetProperty("id").GetString()!;
        var campaign = $"{campaigns}/{id}";
        foreach (var stage in new[] { "selfAssessment", "review", "crossCheck", "publicity" })
        {
            await Advance(campaign, stage);
        }

        var early = await (await _http.PostAsJsonAsync($"{campaign}/advance", new { to = "final" })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Matches(@"publicity \(公示\) began at .+; results can be final from .+", early.GetProperty("detail").GetString());
        var still = await (await _http.GetAsync(campaign)).JsonAsync();
        Assert.Equal(("publicity", false), (still.GetProperty("stage").GetString(), still.GetProperty("appealsClosed").GetBoolean()));

        await (await PutTenantAsync(tenantPath, new { name = "测试省", minimumPublicityDays = 31 })).AssertFieldProblemAsync("minimumPublicityDays");
        await (await PutTenantAsync(tenantPath, new { name = "测试省", minimumPublicityDays = -1 })).AssertFieldProblemAsync("minimumPublicityDays");
        var set = await (await PutTenantAsync(tenantPath, new { name = "测试省", minimumPublicityDays = 0 })).JsonAsync();
        Assert.Equal(0, set.GetProperty("minimumPublicityDays").GetInt32());
        var renamed = await (await PutTenantAsync(tenantPath, new { name = "测试省（更名）" })).JsonAsync();
        Assert.Equal(0, renamed.GetProperty("minimumPublicityDays").GetInt32());

        Assert.Equal("final", (await Advance(campaign, "final")).GetProperty("stage").GetString());
    }

    private async Task<string> XlsxTextAsync(string path)
    {
        using var workbook = new ZipArchive(await (await _http.GetAsync(path)).Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in workbook.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    private async Task<JsonElement> Advance(string campaign, string to) =>
        await (await _http.PostAsJsonAsync($"{campaign}/advance", new { to })).JsonAsync();

    private async Task<string> ETagOf(string campaign, string branch) =>
        (await _http.GetAsync($"{campaign}/branches/{branch}")).Headers.ETag!.Tag;

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? ifMatch, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        }

        var response = await _http.SendAsync(request);
        await response.JsonAsync();
        return response;
    }

    /// <summary>Changes a tenant as an admin does: quoting the ETag just read.</summary>
    private async Task<HttpResponseMessage> PutTenantAsync(string tenantPath, object body)
    {
        var etag = (await _http.GetAsync(tenantPath)).Headers.ETag!.Tag;
        using var request = new HttpRequestMessage(HttpMethod.Put, tenantPath) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await _http.SendAsync(request);
    }
}
