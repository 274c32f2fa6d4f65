using Platform.Bench.Imports;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Access;

/// <summary>
/// Each role does over HTTP what the permission matrix (<see cref="AccessRules"/>) gives it, where its scope reaches,
/// and is refused just beside it: so the refusals of <see cref="EveryOperationRefusalTests"/> are the rules, not a
/// blanket no. Every call sends the role's own token; ETags are read by the tenant admin, so a refusal is about the
/// caller alone.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RolePermissionTests(GatewayFixture fixture)
{
    private const string Branch = AccessScenario.Branch;
    private const string Appellant = AccessScenario.Appellant;
    private const string OtherCityBranch = AccessScenario.OtherCityBranch;

    [Fact]
    public async Task A_tenant_admin_renames_the_tenant_publishes_the_framework_imports_runs_a_campaign_and_corrects_a_rating()
    {
        var scenario = await AccessScenario.PrepareAsync(fixture);
        using var admin = fixture.ClientFor(fixture.AdminOf(scenario.Tenant));
        var api = scenario.Api;

        var renamed = await (await SendAsync(admin, admin, HttpMethod.Put, api, new { name = "湖南省（更名）" }, ifMatchOf: api)).JsonAsync();
        Assert.Equal("湖南省（更名）", renamed.GetProperty("name").GetString());

        var draft = JsonNode.Parse(await admin.GetStringAsync($"{api}/framework"))!;
        draft["name"] = "2027年版";
        var published = await SendAsync(admin, admin, HttpMethod.Post, $"{api}/framework/versions", draft, ifMatchOf: $"{api}/framework");
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(2, (await published.JsonAsync()).GetProperty("version").GetInt32());

        var imported = await (await admin.ImportHierarchyAsync($"{api}/imports/hierarchy", "kind,code,name,parentCode\r\ncity,430400,衡阳市,430000\r\n")).JsonAsync();
        Assert.Equal(1, imported.GetProperty("created").GetInt32());

        var created = await admin.PostAsJsonAsync($"{api}/campaigns", new { name = "2027年度评定", kind = "annualStarRating", scope = new[] { "430000" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = $"{api}/campaigns/{(await created.JsonAsync()).GetProperty("id").GetString()}";
        var advanced = await (await admin.PostAsJsonAsync($"{campaign}/advance", new { to = "selfAssessment" })).JsonAsync();
        Assert.Equal("selfAssessment", advanced.GetProperty("stage").GetString());

        var assessment = $"{api}/orgs/{OtherCityBranch}/assessment";
        var corrected = await (await SendAsync(admin, admin, HttpMethod.Post, $"{assessment}/corrections", new
        {
            reason = "复核更正",
            scores = new Dictionary<string, decimal> { ["2.1"] = 1 },
            reasons = new Dictionary<string, string> { ["2.1"] = "党课记录缺三次" },
        }, ifMatchOf: assessment)).JsonAsync();
        Assert.Equal(1m, corrected.GetProperty("scores").GetProperty("2.1").GetDecimal());
        var history = await (await admin.GetAsync($"{assessment}/history")).JsonAsync();
        Assert.Equal("correction", history.EnumerateArray().Last().GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_region_admin_moves_closes_assesses_vetoes_reviews_decides_appeals_and_reads_the_audit_within_its_subtree_only()
    {
        var scenario = await AccessScenario.PrepareAsync(fixture);
        using var admin = fixture.ClientFor(fixture.AdminOf(scenario.Tenant));
        using var region = await scenario.AccountAsync(fixture, Role.RegionAdmin, AccessScenario.CityOne);
        var http = region.Http;
        var api = scenario.Api;

        // Its subtree: a school moved between its counties, the county left empty closed.
        var moved = await (await SendAsync(http, admin, HttpMethod.Post, $"{api}/nodes/9430103001/move",
            new { parentCode = AccessScenario.CountyOne }, ifMatchOf: $"{api}/nodes/9430103001")).JsonAsync();
        Assert.Equal(AccessScenario.CountyOne, moved.GetProperty("parentCode").GetString());
        await (await SendAsync(http, admin, HttpMethod.Post, $"{api}/nodes/{AccessScenario.SecondCountyOne}/close", null,
            ifMatchOf: $"{api}/nodes/{AccessScenario.SecondCountyOne}")).JsonAsync();

        var assessment = $"{api}/orgs/{Branch}/assessment";
        var baseline = await (await SendAsync(http, admin, HttpMethod.Put, assessment, new { scores = Scores.AtShare(0.95m) }, ifMatchOf: assessment)).JsonAsync();
        var vetoed = await (await SendAsync(http, admin, HttpMethod.Post, $"{assessment}/vetoes",
            new { vetoId = "V1", reason = "发生违纪，经查属实" }, ifMatchOf: assessment)).JsonAsync();
        Assert.Contains("V1", vetoed.GetProperty("vetoes").EnumerateArray().Select(v => v.GetString()));
        Assert.NotEqual(baseline.GetProperty("rating").GetString(), vetoed.GetProperty("rating").GetString());

        var reviewed = $"{scenario.Campaign("review")}/branches/{Branch}";
        var review = await (await SendAsync(http, admin, HttpMethod.Put, $"{reviewed}/review", new
        {
            scores = new Dictionary<string, decimal> { ["2.1"] = 2 },
            reasons = new Dictionary<string, string> { ["2.1"] = "党课记录不全" },
        }, ifMatchOf: reviewed)).JsonAsync();
        Assert.Equal("review", review.GetProperty("submissions").EnumerateArray().Last().GetProperty("kind").GetString());

        var appealed = $"{scenario.Campaign("publicity")}/branches/{Appellant}";
        await (await SendAsync(http, admin, HttpMethod.Put, $"{appealed}/appeal/decision", new { upheld = false, reason = "维持原评定" },
            ifMatchOf: appealed)).JsonAsync();

        // The audit log of its subtree: every line it reads lies under its city, its own writes among them.
        var audit = await (await http.GetAsync($"{api}/audit?pageSize=500")).JsonAsync();
        var lines = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.All(lines, line => Assert.Contains(AccessScenario.CityOne, line.GetProperty("ancestry").EnumerateArray().Select(c => c.GetString())));
        Assert.Contains(lines, line => line.GetProperty("actorName").GetString() == region.Session.Username && line.GetProperty("operation").GetString() == "NodeMove");
        Assert.DoesNotContain(lines, line => line.GetProperty("node").GetString() == OtherCityBranch);
        await (await http.GetAsync($"{api}/audit?within={AccessScenario.CountyOne}")).JsonAsync();
        await (await http.GetAsync($"{api}/audit?within={AccessScenario.CityTwo}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // Beside its subtree: the other city's nodes and branches do not exist for it, nor may a node leave its city.
        var otherAssessment = $"{api}/orgs/{OtherCityBranch}/assessment";
        var before = await admin.GetStringAsync(otherAssessment);
        await (await SendAsync(http, admin, HttpMethod.Put, otherAssessment, new { scores = Scores.AtShare(0.6m) }, ifMatchOf: otherAssessment))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(http, admin, HttpMethod.Post, $"{otherAssessment}/vetoes", new { vetoId = "V1", reason = "越权" }, ifMatchOf: otherAssessment))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(http, admin, HttpMethod.Post, $"{api}/nodes/430202/close", null, ifMatchOf: $"{api}/nodes/430202"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(http, admin, HttpMethod.Post, $"{api}/nodes/9430103001/move", new { parentCode = "430202" }, ifMatchOf: $"{api}/nodes/9430103001"))
            .AssertFieldProblemAsync("parentCode");
        var otherReviewed = $"{scenario.Campaign("review")}/branches/{OtherCityBranch}";
        await (await SendAsync(http, admin, HttpMethod.Put, $"{otherReviewed}/review", new { }, ifMatchOf: otherReviewed))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await admin.GetStringAsync(otherAssessment));
        Assert.Equal(AccessScenario.CountyOne, (await (await admin.GetAsync($"{api}/nodes/9430103001")).JsonAsync()).GetProperty("parentCode").GetString());

        // And what is the tenant admin's alone is refused inside its subtree too.
        await (await SendAsync(http, admin, HttpMethod.Post, $"{assessment}/corrections", new
        {
            reason = "更正", scores = new Dictionary<string, decimal> { ["2.1"] = 1 }, reasons = new Dictionary<string, string> { ["2.1"] = "记录不全" },
        }, ifMatchOf: assessment)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await SendAsync(http, admin, HttpMethod.Post, $"{scenario.Campaign("draft")}/advance", new { to = "selfAssessment" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_branch_secretary_self_assesses_and_appeals_for_its_own_branch_only()
    {
        var scenario = await AccessScenario.PrepareAsync(fixture);
        using var admin = fixture.ClientFor(fixture.AdminOf(scenario.Tenant));
        using var secretary = await scenario.AccountAsync(fixture, Role.BranchSecretary, Branch);
        var http = secretary.Http;

        var own = $"{scenario.Campaign("selfAssessment")}/branches/{Branch}";
        var self = await (await SendAsync(http, admin, HttpMethod.Put, $"{own}/self-assessment", new { scores = Scores.AtShare(0.9m) }, ifMatchOf: own)).JsonAsync();
        Assert.Equal("selfAssessment", self.GetProperty("submissions").EnumerateArray().Single().GetProperty("kind").GetString());
        await (await http.GetAsync(own)).JsonAsync();
        await (await http.GetAsync($"{scenario.Api}/orgs/{Branch}/assessment")).JsonAsync();

        var appeal = $"{scenario.Campaign("publicity")}/branches/{Branch}";
        var appealed = await (await SendAsync(http, admin, HttpMethod.Post, $"{appeal}/appeal",
            new { indicators = new[] { "2.1" }, reason = "党课记录已补交" }, ifMatchOf: appeal)).JsonAsync();
        Assert.Equal(JsonValueKind.Object, appealed.GetProperty("appeal").ValueKind);

        // Its neighbour in the same school, the other city's branch and the school above it are none of its business.
        var neighbour = $"{scenario.Campaign("selfAssessment")}/branches/{Appellant}";
        await (await SendAsync(http, admin, HttpMethod.Put, $"{neighbour}/self-assessment", new { scores = Scores.AtShare(0.9m) }, ifMatchOf: neighbour))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        var other = $"{scenario.Campaign("publicity")}/branches/{OtherCityBranch}";
        await (await SendAsync(http, admin, HttpMethod.Post, $"{other}/appeal", new { indicators = new[] { "2.1" }, reason = "越权" }, ifMatchOf: other))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync($"{scenario.Api}/nodes/{AccessScenario.School}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await admin.GetAsync(neighbour)).JsonAsync()).GetProperty("submissions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, (await (await admin.GetAsync(other)).JsonAsync()).GetProperty("appeal").ValueKind);

        // Its own branch, but not its role: a review is the supervising region's.
        var reviewed = $"{scenario.Campaign("review")}/branches/{Branch}";
        await (await SendAsync(http, admin, HttpMethod.Put, $"{reviewed}/review", new { }, ifMatchOf: reviewed)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_reviewer_reads_and_cross_checks_a_branch_assigned_to_its_city_only_while_the_check_is_open()
    {
        var scenario = await AccessScenario.PrepareAsync(fixture);
        using var admin = fixture.ClientFor(fixture.AdminOf(scenario.Tenant));
        var campaign = scenario.Campaign("crossCheck");
        var assigned = $"{campaign}/branches/{Branch}";
        var city = (await (await admin.GetAsync(assigned)).JsonAsync()).GetProperty("crossCheck").GetProperty("reviewerCity").GetString()!;
        using var reviewer = await scenario.AccountAsync(fixture, Role.Reviewer, city);
        var http = reviewer.Http;

        // Before the draw there is nothing to check.
        await (await http.GetAsync($"{scenario.Campaign("review")}/branches/{Branch}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var read = await (await http.GetAsync(assigned)).JsonAsync();
        Assert.Equal(Branch, read.GetProperty("branch").GetProperty("code").GetString());
        var checkedEntry = await (await SendAsync(http, admin, HttpMethod.Put, $"{assigned}/cross-check", new
        {
            scores = new Dictionary<string, decimal> { ["5.1"] = 1 },
            reasons = new Dictionary<string, string> { ["5.1"] = "活动室标识不统一" },
        }, ifMatchOf: assigned)).JsonAsync();
        Assert.Equal(city, checkedEntry.GetProperty("crossCheck").GetProperty("reviewerCity").GetString());

        // A branch the draw gave another city is not its to check, even one of its own city, which it reads as every
        // account reads its scope.
        var elsewhere = await OtherAssignmentAsync(admin, campaign, city);
        await (await SendAsync(http, admin, HttpMethod.Put, $"{elsewhere}/cross-check", new { }, ifMatchOf: elsewhere)).AssertProblemAsync(HttpStatusCode.NotFound);
        var untouched = await (await admin.GetAsync(elsewhere)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, untouched.GetProperty("crossCheck").GetProperty("result").ValueKind);
        await (await http.GetAsync(elsewhere)).JsonAsync();

        // Once the check closes, the assignment is gone with it.
        await (await admin.PostAsJsonAsync($"{campaign}/advance", new { to = "publicity" })).JsonAsync();
        await (await http.GetAsync(assigned)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(http, admin, HttpMethod.Put, $"{assigned}/cross-check", new { }, ifMatchOf: assigned)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_viewer_reads_within_its_scope_and_writes_nothing()
    {
        var scenario = await AccessScenario.PrepareAsync(fixture);
        using var admin = fixture.ClientFor(fixture.AdminOf(scenario.Tenant));
        using var cityViewer = await scenario.AccountAsync(fixture, Role.Viewer, AccessScenario.CityOne);
        using var provinceViewer = await scenario.AccountAsync(fixture, Role.Viewer, "430000");
        var api = scenario.Api;
        var campaign = scenario.Campaign("crossCheck");

        string[] inScope =
        [
            api, $"{api}/framework", $"{api}/campaigns", campaign,
            $"{api}/nodes/{AccessScenario.CityOne}", $"{api}/nodes/{AccessScenario.CountyOne}/summary",
            $"{api}/orgs/{Branch}/assessment", $"{api}/orgs/{Branch}/assessment/history",
            $"{campaign}/branches/{Branch}", $"{campaign}/branches/{Branch}/audit",
        ];
        foreach (var path in inScope)
        {
            Assert.Equal(await admin.GetStringAsync(path), await cityViewer.Http.GetStringAsync(path));
        }

        // Progress is live (a tally may still be on its way), so these are read, not compared.
        await (await cityViewer.Http.GetAsync($"{campaign}/progress/{AccessScenario.CityOne}")).JsonAsync();
        await (await cityViewer.Http.GetAsync($"{campaign}/laggards/{AccessScenario.CityOne}")).JsonAsync();

        foreach (var path in new[] { $"{api}/nodes/{AccessScenario.CityTwo}", $"{api}/orgs/{OtherCityBranch}/assessment", $"{campaign}/branches/{OtherCityBranch}", $"{campaign}/progress/{AccessScenario.CityTwo}" })
        {
            await (await cityViewer.Http.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        // The whole province is a province-wide account's to read: the viewer scoped at the province reads it.
        foreach (var path in new[] { $"{campaign}/progress", $"{campaign}/export?format=csv", $"{api}/imports/{scenario.ImportId}", $"{api}/nodes/430000" })
        {
            await (await cityViewer.Http.GetAsync(path)).AssertProblemAsync(path.EndsWith("430000", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            using var whole = await provinceViewer.Http.GetAsync(path);
            Assert.True(whole.IsSuccessStatusCode, $"{path}: {(int)whole.StatusCode} {await whole.Content.ReadAsStringAsync()}");
        }

        // Reading is all: no write, and not the audit log, which is the admins'.
        var assessment = $"{api}/orgs/{Branch}/assessment";
        var before = await admin.GetStringAsync(assessment);
        await (await SendAsync(provinceViewer.Http, admin, HttpMethod.Put, assessment, new { scores = Scores.AtShare(0.5m) }, ifMatchOf: assessment))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await provinceViewer.Http.GetAsync($"{api}/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await admin.GetStringAsync(assessment));
    }

    /// <summary>A branch of <paramref name="city"/> that the draw assigned to another city's reviewers.</summary>
    private static async Task<string> OtherAssignmentAsync(HttpClient admin, string campaign, string city)
    {
        foreach (var branch in AccessScenario.Branches)
        {
            var entry = await (await admin.GetAsync($"{campaign}/branches/{branch}")).JsonAsync();
            if (entry.GetProperty("branch").GetProperty("city").GetString() == city
                && entry.GetProperty("crossCheck") is { ValueKind: JsonValueKind.Object } check && check.GetProperty("reviewerCity").GetString() != city)
            {
                return $"{campaign}/branches/{branch}";
            }
        }

        throw new InvalidOperationException($"no branch of {city} in {campaign} is assigned to another city");
    }

    /// <summary>Sends as <paramref name="caller"/>, quoting the ETag the tenant admin reads at <paramref name="ifMatchOf"/>.</summary>
    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient caller, HttpClient admin, HttpMethod method, string path, object? body, string? ifMatchOf = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatchOf is not null)
        {
            using var read = await admin.GetAsync(ifMatchOf);
            request.Headers.IfMatch.Add(read.Headers.ETag ?? throw new InvalidOperationException($"{ifMatchOf} has no ETag"));
        }

        return await caller.SendAsync(request);
    }
}
