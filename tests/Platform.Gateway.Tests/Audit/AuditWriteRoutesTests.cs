using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Hostility;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Audit;

/// <summary>Every write route of the API leaves exactly one line in its tenant's audit log, from one place (the audit
/// filter): the route's operation id, its target, the signed-in actor, the status it answered, before and after.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuditWriteRoutesTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    private static readonly Dictionary<string, string> Operations = new()
    {
        ["PUT tenant"] = "TenantUpsert",
        ["PUT assessment"] = "AssessmentPut",
        ["POST framework version"] = "FrameworkPublish",
        ["POST move"] = "NodeMove",
        ["POST close"] = "NodeClose",
        ["POST veto event"] = "AssessmentPostVeto",
        ["POST correction"] = "AssessmentPostCorrection",
        ["POST import"] = "ImportImportHierarchy",
        ["POST campaign"] = "CampaignCreate",
        ["POST advance"] = "CampaignAdvance",
        ["PUT self-assessment"] = "CampaignPutSelfAssessment",
        ["PUT review"] = "CampaignPutReview",
        ["PUT cross-check"] = "CampaignPutCrossCheck",
        ["POST appeal"] = "CampaignPostAppeal",
        ["PUT appeal decision"] = "CampaignPutAppealDecision",
    };

    [Fact]
    public async Task Every_write_route_leaves_exactly_one_line_with_its_operation_target_actor_and_status()
    {
        var routes = (await WriteRoutes.ArrangeAsync(Http)).ToList();
        var veto = routes.Single(r => r.Name == "POST veto event");
        routes.Add(new WriteRoute("POST correction", HttpMethod.Post, veto.Path.Replace("/vetoes", "/corrections", StringComparison.Ordinal))
        {
            Template = JsonSerializer.SerializeToNode(new
            {
                reason = "复核更正",
                scores = new Dictionary<string, decimal> { ["1.1"] = 1m },
                reasons = new Dictionary<string, string> { ["1.1"] = "记录核实" },
            })!.AsObject(),
            IfMatchFrom = veto.IfMatchFrom,
        });

        var seen = new HashSet<string>();
        var report = new StringBuilder();
        foreach (var route in routes)
        {
            var tenant = route.Path.Split('/')[4];
            var before = await AuditLog.NewestAsync(Http, tenant);
            var response = await SendAsync(route);
            var lines = await AuditLog.SinceAsync(Http, tenant, before);
            report.AppendLine($"{route.Name}: {(int)response.StatusCode}, {lines.Count} lines");

            var line = Assert.Single(lines);
            var operation = line.Text("operation");
            seen.Add(operation);
            Assert.Equal(Operations[route.Name], operation);
            Assert.Equal((int)response.StatusCode, line.GetProperty("status").GetInt32());
            AssertActor(line, ExpectedActor(route, tenant), route.Name);
            AssertTarget(route, tenant, line.Text("target"));
            if (route.Path.Contains("/nodes/", StringComparison.Ordinal) || route.Path.Contains("/orgs/", StringComparison.Ordinal)
                || route.Path.Contains("/branches/", StringComparison.Ordinal))
            {
                var ancestry = line.GetProperty("ancestry").EnumerateArray().Select(a => a.GetString()).ToList();
                Assert.Equal(line.Text("node"), ancestry[^1]);
                Assert.Equal("430000", ancestry[0]);
            }

            Assert.False(string.IsNullOrEmpty(line.Text("after")), $"{route.Name}: a line says what the write left ({line})");
        }

        // The tenant's own administration: its accounts, its identity provider, and the operator's suspension.
        var administered = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var admin = fixture.AdminOf(administered).Username;
        var api = $"/api/v1/tenants/{administered}";
        var provider = new
        {
            authority = "https://idp.example.edu.cn", audience = "platform", usernameClaim = "preferred_username",
            roleClaim = "role", roleValues = new Dictionary<string, string> { ["leader"] = "viewer" }, scopeClaim = "org",
        };
        (string Name, HttpMethod Method, string Path, HttpContent? Body, string Actor, string Role)[] administration =
        [
            ("POST account", HttpMethod.Post, $"{api}/accounts", JsonContent.Create(new { username = "audited", displayName = "审计", role = "viewer", scopeCode = SmallProvince.Root }), admin, "tenantAdmin"),
            ("POST secretaries", HttpMethod.Post, $"{api}/accounts/secretaries", new StringContent($"branchCode,username,displayName\n{WriteRoutes.Branch},sec-audited,书记\n", Encoding.UTF8, "text/csv"), admin, "tenantAdmin"),
            ("POST password reset", HttpMethod.Post, $"{api}/accounts/audited/password-reset", null, admin, "tenantAdmin"),
            ("POST account suspend", HttpMethod.Post, $"{api}/accounts/audited/suspend", null, admin, "tenantAdmin"),
            ("POST account resume", HttpMethod.Post, $"{api}/accounts/audited/resume", null, admin, "tenantAdmin"),
            ("PUT identity provider", HttpMethod.Put, $"{api}/identity-provider", JsonContent.Create(provider), admin, "tenantAdmin"),
            ("DELETE identity provider", HttpMethod.Delete, $"{api}/identity-provider", null, admin, "tenantAdmin"),
        ];
        foreach (var (name, method, path, body, actor, role) in administration)
        {
            var before = await AuditLog.NewestAsync(Http, administered);
            var response = await Http.SendAsync(new HttpRequestMessage(method, path) { Content = body });
            Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var line = Assert.Single(await AuditLog.SinceAsync(Http, administered, before));
            report.AppendLine($"{name}: {(int)response.StatusCode}, {line.Text("operation")}");
            Assert.Equal((int)response.StatusCode, line.GetProperty("status").GetInt32());
            AssertActor(line, (actor, role), name);
            seen.Add(line.Text("operation"));
        }

        // The operator suspends and resumes the tenant; while it is suspended its admin reads nothing, so both lines are
        // read once it is resumed.
        var beforeSuspension = await AuditLog.NewestAsync(Http, administered);
        var @operator = fixture.Gateway.Clients.Tokens.Operator.Username;
        foreach (var action in new[] { "suspend", "resume" })
        {
            var response = await Http.PostAsync($"{api}/{action}", null);
            Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var lifecycle = await AuditLog.SinceAsync(Http, administered, beforeSuspension);
        Assert.Equal(2, lifecycle.Count);
        foreach (var line in lifecycle)
        {
            AssertActor(line, (@operator, "operator"), line.Text("operation"));
            seen.Add(line.Text("operation"));
        }

        // Nothing that writes in a tenant escapes: the routes tried are every write operation of the OpenAPI document.
        var document = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var writes = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/tenants/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name != "get").Select(o => o.Value.GetProperty("operationId").GetString()!))
            .ToHashSet();
        Assert.True(writes.SetEquals(seen), $"write operations {string.Join(", ", writes.Order())} against recorded {string.Join(", ", seen.Order())}\n{report}");
    }

    [Fact]
    public async Task A_refusal_the_route_decided_is_a_line_with_its_status_and_a_request_refused_before_the_route_is_not()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var api = $"/api/v1/tenants/{tenant}";
        (await Http.PutAsJsonAsync($"{api}/orgs/{WriteRoutes.Branch}/assessment", new { scores = Scores.AtShare(0.8m) })).EnsureSuccessStatusCode();
        var admin = fixture.AdminOf(tenant).Username;

        // Refused by the route: 428 (no If-Match on an existing assessment) and 400 naming a field.
        var before = await AuditLog.NewestAsync(Http, tenant);
        var unguarded = await Http.PutAsJsonAsync($"{api}/orgs/{WriteRoutes.Branch}/assessment", new { scores = Scores.AtShare(0.9m) });
        Assert.Equal(HttpStatusCode.PreconditionRequired, unguarded.StatusCode);
        var line = Assert.Single(await AuditLog.SinceAsync(Http, tenant, before));
        Assert.Equal((428, admin, "AssessmentPut"), (line.GetProperty("status").GetInt32(), line.Text("actorName"), line.Text("operation")));
        Assert.Contains("If-Match", line.Text("after"), StringComparison.Ordinal);

        before = await AuditLog.NewestAsync(Http, tenant);
        var move = new HttpRequestMessage(HttpMethod.Post, $"{api}/nodes/9430103001/move") { Content = JsonContent.Create(new { }) };
        move.Headers.IfMatch.Add(EntityTagHeaderValue.Parse((await Http.GetAsync($"{api}/nodes/9430103001")).Headers.ETag!.Tag));
        await (await Http.SendAsync(move)).AssertFieldProblemAsync("parentCode");
        Assert.Equal(400, Assert.Single(await AuditLog.SinceAsync(Http, tenant, before)).GetProperty("status").GetInt32());

        // Refused before any route ran: malformed JSON, a form post, a body over the limit; or asked by a caller who is not
        // of the tenant: anonymous, another tenant's admin. No line.
        before = await AuditLog.NewestAsync(Http, tenant);
        var malformed = await Http.PutAsync($"{api}/orgs/{WriteRoutes.Branch}/assessment", new StringContent("{\"scores\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var form = await Http.PostAsync($"{api}/nodes/{SmallProvince.Root}/close", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        var oversized = await Http.PostAsync($"{api}/nodes/9430103001/move", new StringContent($"{{\"parentCode\":\"{new string('1', 5_000)}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        using var anonymous = fixture.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{api}/campaigns", new { name = "x" })).StatusCode);
        using var stranger = fixture.ClientFor(fixture.AdminOf(await fixture.CreateTenantAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"{api}/campaigns", new { name = "x" })).StatusCode);
        Assert.Empty(await AuditLog.SinceAsync(Http, tenant, before));
    }

    [Fact]
    public async Task A_move_is_seen_from_both_the_old_and_the_new_region_and_a_rating_change_keeps_old_and_new()
    {
        var tenant = await fixture.CreateTenantAsync(TwoCityProvince.Csv);
        var api = $"/api/v1/tenants/{tenant}";

        // The school moves from 芙蓉区 (长沙) to 荷塘区 (株洲): either city's admin sees the move in its subtree, and
        // reads it there themselves.
        var move = new HttpRequestMessage(HttpMethod.Post, $"{api}/nodes/9430102001/move") { Content = JsonContent.Create(new { parentCode = "430202" }) };
        move.Headers.IfMatch.Add(EntityTagHeaderValue.Parse((await Http.GetAsync($"{api}/nodes/9430102001")).Headers.ETag!.Tag));
        (await Http.SendAsync(move)).EnsureSuccessStatusCode();
        foreach (var city in new[] { "430100", "430200" })
        {
            var moved = Assert.Single(await AuditLog.LinesAsync(Http, tenant, $"within={city}&target=nodes/9430102001"));
            Assert.Equal("NodeMove", moved.Text("operation"));
            using var cityAdmin = await fixture.CreateAccountAsync(tenant, Role.RegionAdmin, city);
            Assert.Single(await AuditLog.LinesAsync(cityAdmin.Http, tenant, "target=nodes/9430102001"));
        }

        // After the move, a branch of that school is 株洲's alone; 长沙's admin cannot read 株洲's lines.
        var put = await Http.PutAsJsonAsync($"{api}/orgs/9430102001-01/assessment", new { scores = Scores.AtShare(0.95m) });
        put.EnsureSuccessStatusCode();
        Assert.Empty(await AuditLog.LinesAsync(Http, tenant, "within=430100&target=9430102001-01"));
        var rated = Assert.Single(await AuditLog.LinesAsync(Http, tenant, "within=430200&target=9430102001-01"));
        Assert.Equal("", rated.Text("before"));
        using var changsha = await fixture.CreateAccountAsync(tenant, Role.RegionAdmin, "430100");
        Assert.Empty(await AuditLog.LinesAsync(changsha.Http, tenant, "target=9430102001-01"));
        await (await changsha.Http.GetAsync($"{api}/audit?within=430200")).AssertProblemAsync(HttpStatusCode.NotFound);

        var veto = new HttpRequestMessage(HttpMethod.Post, $"{api}/orgs/9430102001-01/assessment/vetoes")
        {
            Content = JsonContent.Create(new { vetoId = "V2", reason = "发生意识形态事件" }),
        };
        veto.Headers.IfMatch.Add(put.Headers.ETag!);
        var vetoed = await (await Http.SendAsync(veto)).JsonAsync();
        var line = (await AuditLog.LinesAsync(Http, tenant, "pageSize=1"))[0];
        Assert.Equal("AssessmentPostVeto", line.Text("operation"));
        var change = vetoed.GetProperty("change");
        Assert.Equal($"{change.GetProperty("oldRating").GetString()} {change.GetProperty("oldTotal").GetDecimal()}", line.Text("before"));
        Assert.Equal($"{vetoed.GetProperty("rating").GetString()} {vetoed.GetProperty("total").GetDecimal()}", line.Text("after"));
        Assert.NotEqual(line.Text("before"), line.Text("after"));
    }

    /// <summary>Who the test client signs a route in as: a branch's secretary for its self-assessment and appeal, a
    /// reviewer of the assigned city for a cross-check (named <c>reviewer-</c> and the city), the tenant's admin for the
    /// rest.</summary>
    private (string Username, string Role) ExpectedActor(WriteRoute route, string tenant)
    {
        var segments = route.Path.Split('/');
        return route.Name switch
        {
            "PUT self-assessment" or "POST appeal" => ($"secretary-{segments[^2]}", "branchSecretary"),
            "PUT cross-check" => ("reviewer-", "reviewer"),
            _ => (fixture.AdminOf(tenant).Username, "tenantAdmin"),
        };
    }

    /// <summary>The line names the signed-in account (its id, username and role), never a name the request supplied.</summary>
    private static void AssertActor(JsonElement line, (string Username, string Role) expected, string route)
    {
        var username = line.Text("actorName");
        Assert.True(expected.Username.EndsWith('-') ? username.StartsWith(expected.Username, StringComparison.Ordinal) : username == expected.Username,
            $"{route}: the line names '{username}', not {expected.Username}");
        Assert.Equal(expected.Role, line.Text("role"));
        Assert.False(string.IsNullOrEmpty(line.Text("actor")), $"{route}: a line names the account's id");
    }

    private async Task<HttpResponseMessage> SendAsync(WriteRoute route)
    {
        var request = new HttpRequestMessage(route.Method, route.Path)
        {
            Content = route.IsCsv ? new StringContent(SmallProvince.Csv, Encoding.UTF8, "text/csv") : JsonContent.Create(route.Template),
        };
        if (route.IfMatchFrom is { } from && (await Http.GetAsync(from)).Headers.ETag is { } etag)
        {
            request.Headers.IfMatch.Add(etag);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>The route's resource: its path without the action, or what it created.</summary>
    private static void AssertTarget(WriteRoute route, string tenant, string target)
    {
        var relative = route.Path[$"/api/v1/tenants/{tenant}".Length..].Trim('/');
        string[] actions = ["/move", "/close", "/assessment/vetoes", "/assessment/corrections", "/assessment", "/advance", "/self-assessment",
            "/review", "/cross-check", "/appeal/decision", "/appeal"];
        switch (relative)
        {
            case "":
                Assert.Equal("tenant", target);
                break;
            case "campaigns":
                Assert.Matches("^campaigns/c[0-9]+$", target);
                break;
            case "framework/versions":
                Assert.StartsWith("framework/versions", target, StringComparison.Ordinal);
                break;
            case "imports/hierarchy":
                Assert.StartsWith("imports/", target, StringComparison.Ordinal);
                break;
            default:
                var action = actions.First(a => relative.EndsWith(a, StringComparison.Ordinal));
                var resource = relative[..^action.Length];
                Assert.Equal(resource, target);
                break;
        }
    }
}
