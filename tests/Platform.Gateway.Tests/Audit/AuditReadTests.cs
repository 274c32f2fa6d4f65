using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Audit;

/// <summary>Reading the audit log: newest first, paged across sealed pages, filtered by actor, target, subtree and time;
/// and nothing that could change a line.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuditReadTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    private static readonly string[] Branches = ["9430102001-01", "9430102001-02", "9430202001-01", "9430202002-01"];

    [Fact]
    public async Task Lines_are_newest_first_paged_and_filtered_by_actor_target_subtree_and_time()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        using var jia = await fixture.CreateAccountAsync(tenant, Role.TenantAdmin, "430000", "jia");
        using var yi = await fixture.CreateAccountAsync(tenant, Role.TenantAdmin, "430000", "yi");

        await jia.Session.AccessTokenAsync();
        await yi.Session.AccessTokenAsync();

        // Seven lines: the tenant, its admin's first password change, the import, two accounts and their first password
        // changes. Then 240 submissions, four branches in turn, by the two accounts: sealed pages and the open one.
        var etags = new Dictionary<string, EntityTagHeaderValue?>();
        DateTimeOffset? middle = null;
        for (var i = 0; i < 240; i++)
        {
            var branch = Branches[i % Branches.Length];
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant}/orgs/{branch}/assessment")
            {
                Content = JsonContent.Create(new { scores = Scores.AtShare(0.5m + i % 40 / 100m) }),
            };
            if (etags.GetValueOrDefault(branch) is { } etag)
            {
                request.Headers.IfMatch.Add(etag);
            }

            var response = await (i % 3 == 0 ? jia : yi).Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            etags[branch] = response.Headers.ETag;
            if (i == 119)
            {
                middle = (await AuditLog.LinesAsync(Http, tenant, "pageSize=1"))[0].GetProperty("at").GetDateTimeOffset();
            }
        }

        // 247 lines, newest first across the open page and sealed ones.
        var sequences = new List<long>();
        for (var page = 1; page <= 3; page++)
        {
            var read = await AuditLog.PageAsync(Http, tenant, $"page={page}&pageSize=100");
            sequences.AddRange(read.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
            Assert.Equal(page < 3, read.GetProperty("hasMore").GetBoolean());
        }

        Assert.Equal(Enumerable.Range(0, 247).Reverse().Select(i => (long)i), sequences);
        Assert.Equal(3, (await AuditLog.LinesAsync(Http, tenant, "target=accounts&pageSize=500")).Count(l => l.Text("operation") == "AuthChangePassword"));

        var byActor = await AuditLog.LinesAsync(Http, tenant, "actor=jia&pageSize=500");
        Assert.Equal(80, byActor.Count(l => l.Text("operation") == "AssessmentPut"));
        Assert.Equal("AuthChangePassword", Assert.Single(byActor, l => l.Text("operation") != "AssessmentPut").Text("operation"));
        Assert.All(byActor, l => Assert.Equal(("jia", "tenantAdmin"), (l.Text("actorName"), l.Text("role"))));

        var byTarget = await AuditLog.LinesAsync(Http, tenant, $"target={Branches[2]}&pageSize=500");
        Assert.Equal(60, byTarget.Count);
        Assert.All(byTarget, l => Assert.Equal($"orgs/{Branches[2]}", l.Text("target")));
        Assert.Single(await AuditLog.LinesAsync(Http, tenant, "target=imports"));

        // 株洲 (430200) holds the third and fourth branches: half the submissions, and neither tenant-wide line.
        var zhuzhou = await AuditLog.LinesAsync(Http, tenant, "within=430200&pageSize=500");
        Assert.Equal(120, zhuzhou.Count);
        Assert.All(zhuzhou, l => Assert.Contains("430200", l.GetProperty("ancestry").EnumerateArray().Select(a => a.GetString())));
        Assert.Empty(await AuditLog.LinesAsync(Http, tenant, "within=430200&target=tenant"));

        // Lines 0-126 (the seven and the first 120 submissions) are up to the middle; the rest after it.
        var at = Uri.EscapeDataString(middle!.Value.ToString("O"));
        var after = await AuditLog.LinesAsync(Http, tenant, $"from={at}&pageSize=500");
        var upTo = await AuditLog.LinesAsync(Http, tenant, $"to={at}&pageSize=500");
        Assert.Equal(126, after[^1].GetProperty("sequence").GetInt64());
        Assert.Equal(121, after.Count);
        Assert.Equal(125, upTo[0].GetProperty("sequence").GetInt64());
        Assert.Equal(126, upTo.Count);

        var combined = await AuditLog.LinesAsync(Http, tenant, $"from={at}&within=430100&actor=yi&pageSize=500");
        Assert.All(combined, l => Assert.True(l.GetProperty("sequence").GetInt64() >= 126 && l.Text("actorName") == "yi" && l.Text("node").StartsWith("9430102", StringComparison.Ordinal)));
        Assert.Equal(after.Count(l => l.Text("actorName") == "yi" && l.Text("node").StartsWith("9430102", StringComparison.Ordinal)), combined.Count);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string field)
    {
        var tenant = await fixture.CreateTenantAsync();
        await (await Http.GetAsync($"/api/v1/tenants/{tenant}/audit?{query}")).AssertFieldProblemAsync(field);
    }

    [Fact]
    public async Task No_route_edits_or_removes_a_line()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var onAudit = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.Contains("/audit", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name} {p.Name}"))
            .ToList();
        Assert.Contains("get /api/v1/tenants/{tenant}/audit", onAudit);
        Assert.All(onAudit, operation => Assert.StartsWith("get ", operation, StringComparison.Ordinal));

        var tenant = await fixture.CreateTenantAsync();
        var before = await AuditLog.LinesAsync(Http, tenant);
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Post, HttpMethod.Patch, HttpMethod.Delete })
        {
            foreach (var path in new[] { "audit", "audit/0", "audit?sequence=0" })
            {
                var response = await Http.SendAsync(new HttpRequestMessage(method, $"/api/v1/tenants/{tenant}/{path}") { Content = JsonContent.Create(new { after = "forged" }) });
                Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(before.Select(l => l.GetRawText()), (await AuditLog.LinesAsync(Http, tenant)).Select(l => l.GetRawText()));
    }
}

/// <summary>Who reads the log: a tenant admin all of it, a region admin its subtree's lines; nobody else.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuditReadAccessTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Only_admins_read_the_log_and_a_region_admin_only_the_lines_of_its_subtree()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var api = $"/api/v1/tenants/{tenant}";
        foreach (var branch in new[] { "9430102001-01", "9430202001-01" })
        {
            (await fixture.Http.PutAsJsonAsync($"{api}/orgs/{branch}/assessment", new { scores = Scores.AtShare(0.8m) })).EnsureSuccessStatusCode();
        }

        using var changsha = await fixture.CreateAccountAsync(tenant, Role.RegionAdmin, "430100");
        var own = await AuditLog.LinesAsync(changsha.Http, tenant);
        Assert.Equal(["orgs/9430102001-01"], own.Select(l => l.Text("target")));
        Assert.Equal(own.Count, (await AuditLog.LinesAsync(changsha.Http, tenant, "within=430102")).Count);
        await (await changsha.Http.GetAsync($"{api}/audit?within=430200")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await changsha.Http.GetAsync($"{api}/audit?within=430000")).AssertProblemAsync(HttpStatusCode.NotFound);

        foreach (var role in new[] { Role.Viewer, Role.Reviewer })
        {
            using var reader = await fixture.CreateAccountAsync(tenant, role, role == Role.Viewer ? "430000" : "430100");
            await (await reader.Http.GetAsync($"{api}/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        using var secretary = await fixture.CreateAccountAsync(tenant, Role.BranchSecretary, "9430102001-01");
        await (await secretary.Http.GetAsync($"{api}/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
        using var anonymous = fixture.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{api}/audit")).StatusCode);
        using var stranger = fixture.ClientFor(fixture.AdminOf(await fixture.CreateTenantAsync()));
        await (await stranger.GetAsync($"{api}/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
