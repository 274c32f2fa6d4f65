using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Access;

/// <summary>
/// Every operation of the OpenAPI document, read at run time (so a new route is tried without anyone listing it, and one
/// that declares no access fails here), called as each kind of caller who must be refused: anonymous, another tenant's
/// admin, the platform operator, a region admin of the other city, a reviewer of a city with nothing assigned, and a
/// province viewer attempting a write. Every answer must be 401, 403 or 404 with no data, and every resource of the
/// tenant must read back exactly as before. The tenant's audit log only grows, and only by the refusals of those who
/// may act in the tenant (its own accounts and the operator): who tried to change what and was turned away is part of
/// its record, but nobody outside the tenant can write into it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class EveryOperationRefusalTests(GatewayFixture fixture, ITestOutputHelper output)
{
    private static readonly HashSet<string> ProblemMembers = ["type", "title", "status", "detail", "traceId", "instance", "errors"];

    [Fact]
    public async Task Every_operation_refuses_every_caller_it_is_not_for_with_no_data_and_changes_nothing()
    {
        var scenario = await AccessScenario.PrepareAsync(fixture);
        var otherTenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        using var anonymous = fixture.Anonymous();
        using var otherAdmin = fixture.ClientFor(fixture.AdminOf(otherTenant));
        using var @operator = fixture.ClientFor(fixture.Gateway.Clients.Tokens.Operator);
        using var outsider = await scenario.AccountAsync(fixture, Role.RegionAdmin, AccessScenario.CityTwo);
        using var reviewer = await scenario.AccountAsync(fixture, Role.Reviewer, AccessScenario.EmptyCity);
        using var viewer = await scenario.AccountAsync(fixture, Role.Viewer, "430000");
        using var admin = fixture.ClientFor(fixture.AdminOf(scenario.Tenant));
        Caller[] callers =
        [
            new("anonymous", null, null, false, anonymous, [401]),
            new("another tenant's admin", Role.TenantAdmin, fixture.AdminOf(otherTenant).Username, false, otherAdmin, [403]),
            new("the platform operator", Role.Operator, fixture.Gateway.Clients.Tokens.Operator.Username, false, @operator, [403]),
            new("a region admin of the other city", Role.RegionAdmin, outsider.Session.Username, true, outsider.Http, [403, 404]),
            new("a reviewer not assigned", Role.Reviewer, reviewer.Session.Username, true, reviewer.Http, [403, 404]),
            new("a province viewer writing", Role.Viewer, viewer.Session.Username, true, viewer.Http, [403, 404]),
        ];

        var operations = await OperationsAsync();
        var unclassified = operations.Where(o => o.Access is null).Select(o => o.Name).ToList();
        Assert.True(unclassified.Count == 0, $"operations that declare no access (x-access): {string.Join(", ", unclassified)}");
        var framework = await admin.GetStringAsync($"{scenario.Api}/framework");

        // Signed in (their one-time passwords changed) before the snapshot: a first sign-in changes the account.
        foreach (var account in new[] { outsider, reviewer, viewer })
        {
            await account.Session.AccessTokenAsync();
        }

        var before = await SnapshotAsync(admin, @operator, operations, scenario);
        var auditBefore = await AuditAsync(admin, scenario);

        var tried = new List<(Operation Operation, Caller Caller, int Status)>();
        var failures = new List<string>();
        foreach (var operation in operations.Where(o => !o.Anonymous))
        {
            foreach (var caller in callers.Where(c => MustBeRefused(c, operation)))
            {
                using var request = Request(operation, scenario, framework);
                using var response = await caller.Http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                tried.Add((operation, caller, (int)response.StatusCode));
                if (Leak(caller, response, body) is { } leak)
                {
                    failures.Add($"{operation.Name} as {caller.Name}: {leak}");
                }
            }
        }

        var after = await SnapshotAsync(admin, @operator, operations, scenario);
        var changed = before.Where(read => after[read.Key] != read.Value).Select(read => read.Key).ToList();
        var auditAfter = await AuditAsync(admin, scenario);
        var appended = auditAfter.Where(line => line.Key > auditBefore.Keys.DefaultIfEmpty(0).Max()).Select(line => line.Value).ToList();
        failures.AddRange(AuditFailures(auditBefore, auditAfter, appended, callers, tried));
        var summary = $"{operations.Count} operations ({operations.Count(o => o.Anonymous)} public, no token) × {callers.Length} callers: " +
            $"{tried.Count} calls of a caller an operation is not for; " +
            string.Join(", ", tried.GroupBy(t => t.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")) +
            $"; {failures.Count} leaked; {before.Count} resources read before and after, {changed.Count} changed; " +
            $"the audit log kept its {auditBefore.Count} lines and recorded {appended.Count} refusals of the tenant's own accounts and the operator.";
        output.WriteLine(summary);
        foreach (var caller in callers)
        {
            output.WriteLine($"  {caller.Name}: {tried.Count(t => t.Caller == caller)} operations tried");
        }

        Assert.True(failures.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, failures.Take(40)));
        Assert.True(changed.Count == 0, summary + Environment.NewLine + "changed: " + string.Join(Environment.NewLine,
            changed.Select(path => $"{path}{Environment.NewLine}  before: {Shorten(before[path], 2000)}{Environment.NewLine}  after: {Shorten(after[path], 2000)}")));

        // Each kind of caller met most of the API: the rule below left out only what its role may do.
        Assert.All(callers, c => Assert.True(tried.Count(t => t.Caller == c) >= operations.Count / 3, $"{c.Name} tried too few operations"));
    }

    /// <summary>
    /// What is wrong with the audit log after the calls: a line edited or gone, or a new line that is not a refusal of a
    /// caller who may act in the tenant (its accounts, the operator), or more of a caller's lines than it tried writes.
    /// </summary>
    private static IEnumerable<string> AuditFailures(
        SortedDictionary<long, string> before, SortedDictionary<long, string> after, IReadOnlyList<string> appended,
        IReadOnlyList<Caller> callers, IReadOnlyList<(Operation Operation, Caller Caller, int Status)> tried)
    {
        foreach (var (sequence, line) in before.Where(line => after.GetValueOrDefault(line.Key) != line.Value))
        {
            yield return $"audit line {sequence} was changed or removed: {line}";
        }

        var lines = appended.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        foreach (var line in lines)
        {
            var caller = callers.FirstOrDefault(c => c.Audited && c.Username == line.GetProperty("actorName").GetString()
                && c.Role!.Value.ToApiName() == line.GetProperty("role").GetString());
            if (caller is null || !caller.Expected.Contains(line.GetProperty("status").GetInt32()))
            {
                yield return $"the audit log gained a line that is no refusal of the tenant's own account or the operator: {line}";
            }
        }

        foreach (var caller in callers.Where(c => c.Audited))
        {
            var recorded = lines.Count(line => line.GetProperty("actorName").GetString() == caller.Username);
            var writes = tried.Count(t => t.Caller == caller && t.Operation.Method != HttpMethod.Get);
            if (recorded > writes)
            {
                yield return $"the audit log gained {recorded} lines of {caller.Name}, who tried {writes} writes";
            }
        }
    }

    /// <summary>Why an answer tells the caller something it must not know, or null.</summary>
    private static string? Leak(Caller caller, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (!caller.Expected.Contains(status))
        {
            return $"answered {status}, not {string.Join(" or ", caller.Expected)}: {Shorten(body)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"answered {status} as {response.Content.Headers.ContentType?.MediaType ?? "nothing"}, not a problem: {Shorten(body)}";
        }

        var problem = JsonDocument.Parse(body).RootElement;
        if (problem.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !ProblemMembers.Contains(n)) is { } extra)
        {
            return $"the problem carries '{extra}': {Shorten(body)}";
        }

        return AccessScenario.Names.FirstOrDefault(name => body.Contains(name, StringComparison.Ordinal)) is { } name
            ? $"the problem names '{name}': {Shorten(body)}"
            : null;
    }

    /// <summary>
    /// Whether <paramref name="caller"/> must be refused <paramref name="operation"/>: everything for the anonymous;
    /// every operation of the tenant for another tenant's admin and the operator; for the tenant's own accounts, what
    /// their role may not do, and what lies outside their scope. Left out: what the caller may really do (its own
    /// password, the tenant's shared reads, an operator's lifecycle routes, a viewer's reads).
    /// </summary>
    private static bool MustBeRefused(Caller caller, Operation operation)
    {
        var access = operation.Access!.Value;
        if (caller.Role is not { } role)
        {
            return true;
        }

        var roles = access.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToHashSet();
        var permitted = roles.Contains(role.ToApiName());
        if (!access.TryGetProperty("operation", out var name))
        {
            // Routes that check themselves: tenant lifecycle and a person's own password. Refused unless the role is
            // listed; an operator's own lifecycle routes are left alone (they would suspend the tenant under test).
            return !permitted || (caller.InTenant && role != Role.TenantAdmin && operation.Template.Contains("{tenant}", StringComparison.Ordinal));
        }

        if (!caller.InTenant)
        {
            return true;
        }

        if (caller.Role == Role.Viewer)
        {
            return !name.GetString()!.StartsWith("read", StringComparison.Ordinal);
        }

        if (!permitted)
        {
            return true;
        }

        // The in-tenant callers' scopes hold none of what the routes address (city 1, its branches, the province).
        return access.GetProperty("target").GetString() switch
        {
            "node" or "campaignBranch" or "campaignNode" or "province" => true,
            _ => operation.Template.Contains("{username}", StringComparison.Ordinal)
                || (operation.Method == HttpMethod.Post && operation.Template.EndsWith("/accounts", StringComparison.Ordinal)),
        };
    }

    private HttpRequestMessage Request(Operation operation, AccessScenario scenario, string framework)
    {
        var request = new HttpRequestMessage(operation.Method, Path(operation, scenario));
        if (operation.Method == HttpMethod.Get || !operation.HasBody)
        {
            return request;
        }

        if (operation.Template.EndsWith("/imports/hierarchy", StringComparison.Ordinal))
        {
            request.Content = new StringContent("kind,code,name,parentCode\r\ncity,430400,新设市,430000\r\n", Encoding.UTF8, "text/csv");
            return request;
        }

        if (operation.Template.EndsWith("/accounts/secretaries", StringComparison.Ordinal))
        {
            request.Content = new StringContent($"branchCode,username,displayName\r\n{AccessScenario.Branch},intruder-secretary,越权\r\n", Encoding.UTF8, "text/csv");
            return request;
        }

        var body = Body(operation, framework) ?? throw new InvalidOperationException(
            $"{operation.Name} takes a body this test has no example of: add one, so its refusal is tried with a body it would accept");
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        return request;
    }

    /// <summary>A body the operation would take from a caller it is for, so a refusal is about the caller alone.</summary>
    private static string? Body(Operation operation, string framework) => (operation.Method.Method, Suffix().Match(operation.Template).Value) switch
    {
        ("PUT", "/api/v1/tenants/{tenant}") => """{"name":"改名"}""",
        ("POST", "/auth/password") => """{"currentPassword":"x","newPassword":"y"}""",
        ("POST", "/move") => $$"""{"parentCode":"{{AccessScenario.SecondCountyOne}}"}""",
        ("PUT", "/assessment") => JsonSerializer.Serialize(new { scores = Scores.AtShare(0.5m) }),
        ("POST", "/vetoes") => """{"vetoId":"V1","reason":"发生违纪"}""",
        ("POST", "/corrections") => """{"reason":"更正","scores":{"2.1":1},"reasons":{"2.1":"记录不全"}}""",
        ("POST", "/versions") => framework,
        ("POST", "/campaigns") => """{"name":"越权评议","kind":"annualStarRating","scope":["430000"]}""",
        ("POST", "/advance") => """{"to":"selfAssessment"}""",
        ("PUT", "/self-assessment") => JsonSerializer.Serialize(new { scores = Scores.AtShare(0.9m) }),
        ("PUT", "/review") or ("PUT", "/cross-check") => """{"scores":{"2.1":1},"reasons":{"2.1":"记录不全"}}""",
        ("POST", "/appeal") => """{"indicators":["2.1"],"reason":"有异议"}""",
        ("PUT", "/decision") => """{"upheld":false,"reason":"维持"}""",
        ("PUT", "/identity-provider") => """{"authority":"https://idp.example.edu.cn","audience":"dangjian","usernameClaim":"preferred_username","roleClaim":"dj_role","roleValues":{"dj-admin":"tenantAdmin"},"scopeClaim":"dj_org"}""",
        ("POST", "/accounts") => $$"""{"username":"intruder","displayName":"越权","role":"viewer","scopeCode":"{{AccessScenario.CityOne}}"}""",
        _ => null,
    };

    /// <summary>The route with its values: the tenant under test, a city-1 branch or region, the campaign at the stage
    /// the command needs, the import, a city-1 account.</summary>
    private static string Path(Operation operation, AccessScenario scenario)
    {
        var template = operation.Template;
        var stage = template switch
        {
            _ when template.EndsWith("/self-assessment", StringComparison.Ordinal) => "selfAssessment",
            _ when template.EndsWith("/review", StringComparison.Ordinal) => "review",
            _ when template.EndsWith("/appeal", StringComparison.Ordinal) || template.EndsWith("/decision", StringComparison.Ordinal) => "publicity",
            _ when template.EndsWith("/advance", StringComparison.Ordinal) => "draft",
            _ => "crossCheck",
        };
        var target = operation.Access?.TryGetProperty("target", out var t) == true ? t.GetString() : null;
        var code = target == "campaignNode" ? AccessScenario.CityOne
            : template.EndsWith("/decision", StringComparison.Ordinal) ? AccessScenario.Appellant
            : AccessScenario.Branch;
        return Fill(template, scenario.Tenant, code, scenario.Campaigns[stage], scenario.ImportId) + DownloadQuery(operation);
    }

    /// <summary>Downloads are compared as CSV: a workbook carries the time it was made in its document properties.</summary>
    private static string DownloadQuery(Operation operation) =>
        operation.Method == HttpMethod.Get && (operation.Template.EndsWith("/export", StringComparison.Ordinal)
            || operation.Template.EndsWith("/hierarchy", StringComparison.Ordinal) || operation.Template.EndsWith("/template", StringComparison.Ordinal))
            ? "?format=csv"
            : "";

    private static string Fill(string template, string tenant, string code, string campaign, string importId) => template
        .Replace("{tenant}", tenant, StringComparison.Ordinal)
        .Replace("{code}", code, StringComparison.Ordinal)
        .Replace("{id}", campaign, StringComparison.Ordinal)
        .Replace("{importId}", importId, StringComparison.Ordinal)
        .Replace("{username}", AccessScenario.Account, StringComparison.Ordinal)
        .Replace("{version}", "1", StringComparison.Ordinal);

    /// <summary>
    /// Every readable resource of the tenant, as its admin reads it (status, ETag and body): each GET of the document for
    /// every campaign, for city 1 and 2 and their branches, but the tenant's audit log and its download (the log is compared line by line); and the operator's list of tenants.
    /// </summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(HttpClient admin, HttpClient @operator, IReadOnlyList<Operation> operations, AccessScenario scenario)
    {
        var reads = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] codes = [.. AccessScenario.Branches, AccessScenario.School, AccessScenario.CityOne, AccessScenario.CityTwo, "430000"];
        foreach (var operation in operations.Where(o => o.Method == HttpMethod.Get && o.Template is not ("/api/v1/tenants/{tenant}/audit" or "/api/v1/tenants/{tenant}/audit/export")))
        {
            var client = operation.Template.Contains("{tenant}", StringComparison.Ordinal) ? admin : @operator;
            var paths = from campaign in operation.Template.Contains("{id}", StringComparison.Ordinal) ? scenario.Campaigns.Values : ["-"]
                        from code in operation.Template.Contains("{code}", StringComparison.Ordinal) ? codes : ["-"]
                        select Fill(operation.Template, scenario.Tenant, code, campaign, scenario.ImportId) + DownloadQuery(operation);
            foreach (var path in paths.Distinct())
            {
                using var response = await client.GetAsync(path);
                var body = TraceId().Replace(await response.Content.ReadAsStringAsync(), "");
                reads[path] = $"{(int)response.StatusCode} {response.Headers.ETag?.Tag}\n{body}";
            }
        }

        return reads;
    }

    /// <summary>The tenant's whole audit log as its admin reads it, line by line by sequence.</summary>
    private static async Task<SortedDictionary<long, string>> AuditAsync(HttpClient admin, AccessScenario scenario)
    {
        var lines = new SortedDictionary<long, string>();
        for (var page = 1; ; page++)
        {
            var read = await (await admin.GetAsync($"{scenario.Api}/audit?pageSize=500&page={page}")).JsonAsync();
            foreach (var line in read.GetProperty("entries").EnumerateArray())
            {
                lines[line.GetProperty("sequence").GetInt64()] = line.GetRawText();
            }

            if (!read.GetProperty("hasMore").GetBoolean())
            {
                return lines;
            }
        }
    }

    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        var document = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "put" or "post" or "delete" or "patch"))
            {
                var access = method.Value.TryGetProperty("x-access", out var declared) ? declared.Clone() : (JsonElement?)null;
                operations.Add(new Operation(new HttpMethod(method.Name.ToUpperInvariant()), path.Name, access, method.Value.TryGetProperty("requestBody", out _)));
            }
        }

        return operations;
    }

    private static string Shorten(string text, int length = 300) => text.Length <= length ? text : text[..length] + "…";

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    /// <summary>What a body is keyed by: the tenant route itself, or the last segment of the route.</summary>
    [GeneratedRegex(@"(^/api/v1/tenants/\{tenant\}$)|(/auth/password$)|(/[^/{}]+$)")]
    private static partial Regex Suffix();

    private sealed record Operation(HttpMethod Method, string Template, JsonElement? Access, bool HasBody)
    {
        public string Name => $"{Method} {Template}";

        public bool Anonymous => Access?.TryGetProperty("anonymous", out _) == true;
    }

    /// <param name="InTenant">An account of the tenant under test.</param>
    /// <param name="Expected">The statuses its refusals may have.</param>
    private sealed record Caller(string Name, Role? Role, string? Username, bool InTenant, HttpClient Http, int[] Expected)
    {
        /// <summary>Whether the tenant's audit log records its refused writes: it may act in the tenant (its own
        /// accounts; the operator, who creates, suspends and resumes it).</summary>
        public bool Audited => InTenant || Role == Platform.Domain.Identity.Role.Operator;
    }
}
