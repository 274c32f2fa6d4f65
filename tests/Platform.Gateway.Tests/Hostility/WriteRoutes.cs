using Platform.Bench.Imports;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>
/// Every write route of the API, each with the data it writes to already in place (a tenant, a province, an assessment,
/// a framework, and a campaign at each stage a branch command needs), so a hostile input meets the same checks a
/// real one would.
/// </summary>
internal static class WriteRoutes
{
    public const string Branch = "9430103001-01";

    private static readonly string[] CampaignBranches = ["9430102001-01", "9430102001-02", "9430202001-01", "9430202002-01"];

    public static async Task<IReadOnlyList<WriteRoute>> ArrangeAsync(HttpClient http)
    {
        var tenant = await CreateTenantAsync(http, SmallProvince.Csv);
        var api = $"/api/v1/tenants/{tenant}";
        await CampaignStages.SendAsync(http, HttpMethod.Put, $"{api}/orgs/{Branch}/assessment", null, new { scores = Scores.AtShare(0.7m) });
        var framework = JsonNode.Parse(await http.GetStringAsync($"{api}/framework"))!.AsObject();
        framework.Remove("version");
        framework.Remove("publishedAt");
        foreach (var band in framework["bands"]!.AsArray())
        {
            band!.AsObject().Remove("name");
        }

        var scores = Scores.AtShare(0.8m);
        scores.Remove("2.1");
        scores.Remove("1.4");
        var assessment = Json(new
        {
            scores,
            counts = new Dictionary<string, object> { ["2.1"] = new { held = 3, required = 4 } },
            facts = new Dictionary<string, bool> { ["1.4"] = true },
            vetoes = new[] { "V1" },
        });

        var campaigns = await CampaignsAsync(http);
        var c = campaigns.Api;
        return
        [
            new("PUT tenant", HttpMethod.Put, $"/api/v1/tenants/{tenant}")
            {
                Template = Json(new { name = "测试省", ratingScheme = "stars" }),
                Reads = [$"/api/v1/tenants/{tenant}"],
                IfMatchFrom = $"/api/v1/tenants/{tenant}",
                FreeText = ["name"],
                BodyLimit = 4 * 1024,
                ValidateAt = $"/api/v1/tenants/{tenant}",
                ValidateIfMatchFrom = $"/api/v1/tenants/{tenant}",
            },
            new("PUT assessment", HttpMethod.Put, $"{api}/orgs/{Branch}/assessment")
            {
                Template = assessment,
                Reads = [$"{api}/orgs/{Branch}/assessment"],
                IfMatchFrom = $"{api}/orgs/{Branch}/assessment",
                Collections = ["scores", "counts", "facts", "vetoes"],
                ValidateAt = $"{api}/orgs/9430102001-02/assessment",
            },
            new("POST framework version", HttpMethod.Post, $"{api}/framework/versions")
            {
                Template = framework,
                Reads = [$"{api}/framework", $"{api}/framework/versions"],
                IfMatchFrom = $"{api}/framework",
                Collections = ["dimensions", "dimensions[0].indicators", "dimensions[1].indicators", "bands", "bands[4].gates", "vetoes"],
                FreeText = ["name", "dimensions[*].name", "dimensions[*].indicators[*].name", "bands[*].gates[*].description", "vetoes[*].name"],
                BodyLimit = 256 * 1024,
                ValidateAt = $"{api}/framework/versions",
                ValidateIfMatchFrom = $"{api}/framework",
            },
            new("POST move", HttpMethod.Post, $"{api}/nodes/9430103001/move")
            {
                Template = Json(new { parentCode = "430102" }),
                Reads = [$"{api}/nodes/9430103001", $"{api}/nodes/430103", $"{api}/nodes/430102"],
                IfMatchFrom = $"{api}/nodes/9430103001",
            },
            new("POST close", HttpMethod.Post, $"{api}/nodes/{SmallProvince.Root}/close")
            {
                Template = [],
                Reads = [$"{api}/nodes/{SmallProvince.Root}"],
                IfMatchFrom = $"{api}/nodes/{SmallProvince.Root}",
            },
            new("POST veto event", HttpMethod.Post, $"{api}/orgs/{Branch}/assessment/vetoes")
            {
                Template = Json(new { vetoId = "V2", reason = "发生意识形态事件，经查属实" }),
                Reads = [$"{api}/orgs/{Branch}/assessment", $"{api}/orgs/{Branch}/assessment/history"],
                IfMatchFrom = $"{api}/orgs/{Branch}/assessment",
                FreeText = ["reason"],
                ValidateAt = $"{api}/orgs/9430102001-02/assessment/vetoes",
                ValidateIfMatchFrom = $"{api}/orgs/9430102001-02/assessment",
            },
            new("POST import", HttpMethod.Post, $"{api}/imports/hierarchy")
            {
                IsCsv = true,
                Reads = [$"{api}/nodes/430102", $"{api}/nodes/9430102001-00", $"{api}/nodes/9430102001-01", $"{api}/nodes/{SmallProvince.Root}"],
                BodyLimit = 64L * 1024 * 1024,
            },
            new("POST campaign", HttpMethod.Post, $"{c}/campaigns")
            {
                Template = Json(new
                {
                    name = "评议",
                    kind = "annualStarRating",
                    scope = new[] { "430000", "430100" },
                    frameworkVersion = 1,
                    deadlines = new Dictionary<string, DateTimeOffset> { ["selfAssessment"] = DateTimeOffset.UtcNow.AddDays(30), ["review"] = DateTimeOffset.UtcNow.AddDays(40) },
                    crossCheck = new { sampleRate = 0.5, minimumPerCity = 1, cascadeOnFailure = true },
                    quotas = new { regionLevel = "province", maxShares = new Dictionary<string, decimal> { ["star5"] = 0.3m, ["star4"] = 0.5m } },
                    seed = "7",
                }),
                Reads = [$"{c}/campaigns"],
                Collections = ["scope", "deadlines", "quotas.maxShares"],
                FreeText = ["name"],
                ValidateAt = $"{c}/campaigns",
            },
            new("POST advance", HttpMethod.Post, $"{campaigns.Draft}/advance")
            {
                Template = Json(new { to = "selfAssessment" }),
                Reads = [campaigns.Draft],
            },
            new("PUT self-assessment", HttpMethod.Put, $"{campaigns.SelfAssessment}/branches/{CampaignBranches[0]}/self-assessment")
            {
                Template = Json(new
                {
                    scores,
                    counts = new Dictionary<string, object> { ["2.1"] = new { held = 3, required = 4 } },
                    facts = new Dictionary<string, bool> { ["1.4"] = true },
                    vetoes = new[] { "V1" },
                    evidence = new Dictionary<string, string> { ["2.1"] = "支委会记录12份", ["5.1"] = "活动室照片" },
                }),
                Reads = [$"{campaigns.SelfAssessment}/branches/{CampaignBranches[0]}"],
                IfMatchFrom = $"{campaigns.SelfAssessment}/branches/{CampaignBranches[0]}",
                Collections = ["scores", "counts", "facts", "vetoes", "evidence"],
                FreeText = ["evidence.*"],
                BodyLimit = 256 * 1024,
                ValidateAt = $"{campaigns.SelfAssessment}/branches/{CampaignBranches[3]}/self-assessment",
                ValidateIfMatchFrom = $"{campaigns.SelfAssessment}/branches/{CampaignBranches[3]}",
            },
            new("PUT review", HttpMethod.Put, $"{campaigns.Review}/branches/{CampaignBranches[0]}/review")
            {
                Template = Json(ScoreChanges()),
                Reads = [$"{campaigns.Review}/branches/{CampaignBranches[0]}"],
                IfMatchFrom = $"{campaigns.Review}/branches/{CampaignBranches[0]}",
                Collections = ["scores", "reasons", "vetoes"],
                FreeText = ["reasons.*"],
                BodyLimit = 256 * 1024,
                ValidateAt = $"{campaigns.Review}/branches/{CampaignBranches[3]}/review",
                ValidateIfMatchFrom = $"{campaigns.Review}/branches/{CampaignBranches[3]}",
            },
            new("PUT cross-check", HttpMethod.Put, $"{campaigns.CrossCheck}/branches/{CampaignBranches[0]}/cross-check")
            {
                Template = Json(ScoreChanges()),
                Reads = [$"{campaigns.CrossCheck}/branches/{CampaignBranches[0]}"],
                IfMatchFrom = $"{campaigns.CrossCheck}/branches/{CampaignBranches[0]}",
                Collections = ["scores", "reasons", "vetoes"],
                FreeText = ["reasons.*"],
                BodyLimit = 256 * 1024,
                ValidateAt = $"{campaigns.CrossCheck}/branches/{CampaignBranches[1]}/cross-check",
                ValidateIfMatchFrom = $"{campaigns.CrossCheck}/branches/{CampaignBranches[1]}",
            },
            new("POST appeal", HttpMethod.Post, $"{campaigns.Publicity}/branches/{CampaignBranches[0]}/appeal")
            {
                Template = Json(new { indicators = new[] { "2.1", "5.1" }, reason = "党课记录已补交" }),
                Reads = [$"{campaigns.Publicity}/branches/{CampaignBranches[0]}"],
                IfMatchFrom = $"{campaigns.Publicity}/branches/{CampaignBranches[0]}",
                Collections = ["indicators"],
                FreeText = ["reason"],
                BodyLimit = 256 * 1024,
                ValidateAt = $"{campaigns.Publicity}/branches/{CampaignBranches[2]}/appeal",
                ValidateIfMatchFrom = $"{campaigns.Publicity}/branches/{CampaignBranches[2]}",
            },
            new("PUT appeal decision", HttpMethod.Put, $"{campaigns.Publicity}/branches/{CampaignBranches[1]}/appeal/decision")
            {
                Template = Json(new
                {
                    upheld = true,
                    reason = "补交材料属实",
                    scores = new Dictionary<string, decimal> { ["2.1"] = 5m, ["5.1"] = 4m },
                    reasons = new Dictionary<string, string> { ["2.1"] = "按补交记录改正", ["5.1"] = "复核属实" },
                }),
                Reads = [$"{campaigns.Publicity}/branches/{CampaignBranches[1]}"],
                IfMatchFrom = $"{campaigns.Publicity}/branches/{CampaignBranches[1]}",
                Collections = ["scores", "reasons"],
                FreeText = ["reason", "reasons.*"],
                BodyLimit = 256 * 1024,
                ValidateAt = $"{campaigns.Publicity}/branches/{CampaignBranches[3]}/appeal/decision",
                ValidateIfMatchFrom = $"{campaigns.Publicity}/branches/{CampaignBranches[3]}",
            },
        ];
    }

    /// <summary>Route values no tenant, node or branch can have, for the routes that take one. Not <c>..</c>: escaped or
    /// not, the client and Kestrel both resolve it as a dot segment (RFC 3986 §5.2.4), so it names the route's parent
    /// path and never reaches the route (bodies and files still try it as a code).</summary>
    public static IEnumerable<HostileInput> HostilePaths(WriteRoute route, string tenant)
    {
        string[] values = ["' OR '1'='1", new string('9', 300), "%E2%80%AE01", "%00", "a%2Fb", "%FF", "名\u0007"];
        var body = route.Template?.ToJsonString() ?? "kind,code,name,parentCode\r\n";
        foreach (var value in values)
        {
            var escaped = value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);
            var path = route.Name switch
            {
                "PUT tenant" => $"/api/v1/tenants/{escaped}",
                "PUT assessment" => $"/api/v1/tenants/{tenant}/orgs/{escaped}/assessment",
                "POST move" => $"/api/v1/tenants/{tenant}/nodes/{escaped}/move",
                "POST close" => $"/api/v1/tenants/{tenant}/nodes/{escaped}/close",
                _ when route.Path.Contains("/branches/", StringComparison.Ordinal) => ReplaceBranch(route.Path, escaped),
                _ when route.Path.EndsWith("/advance", StringComparison.Ordinal) => ReplaceCampaign(route.Path, escaped),
                _ => null,
            };
            if (path is not null)
            {
                yield return HostileInput.Json($"route value '{value}'", System.Text.Encoding.UTF8.GetBytes(body)) with
                {
                    Path = path,
                    RefusedBeforeTheApplication = value == "%00",
                };
            }
        }
    }

    private static string ReplaceBranch(string path, string code)
    {
        var at = path.IndexOf("/branches/", StringComparison.Ordinal) + "/branches/".Length;
        var end = path.IndexOf('/', at);
        return path[..at] + code + path[end..];
    }

    private static string ReplaceCampaign(string path, string id)
    {
        var at = path.IndexOf("/campaigns/", StringComparison.Ordinal) + "/campaigns/".Length;
        var end = path.IndexOf('/', at);
        return path[..at] + id + path[end..];
    }

    private static object ScoreChanges() => new
    {
        scores = new Dictionary<string, decimal> { ["2.1"] = 3m, ["5.1"] = 2m },
        reasons = new Dictionary<string, string> { ["2.1"] = "党课记录不全", ["5.1"] = "标识不统一", ["vetoes"] = "发生安全事故" },
        vetoes = new[] { "V3" },
    };

    private sealed record Campaigns(string Api, string Draft, string SelfAssessment, string Review, string CrossCheck, string Publicity);

    /// <summary>One campaign at each stage a branch command needs, in a tenant of two cities.</summary>
    private static async Task<Campaigns> CampaignsAsync(HttpClient http)
    {
        var tenant = await CreateTenantAsync(http, TwoCityProvince.Csv);
        var api = $"/api/v1/tenants/{tenant}";
        var draft = await CampaignAtAsync(http, api, "draft");
        var self = await CampaignAtAsync(http, api, "selfAssessment");
        var review = await CampaignAtAsync(http, api, "review");
        var cross = await CampaignAtAsync(http, api, "crossCheck");
        var publicity = await CampaignAtAsync(http, api, "publicity");
        return new Campaigns(api, draft, self, review, cross, publicity);
    }

    /// <summary>
    /// A campaign run to <paramref name="stage"/>: every branch self-assessed (the first one too when that is the
    /// stage), reviewed, cross-checked (the sample is every branch) and, in publicity, the second and fourth appealing.
    /// The first branch is left with the command of the stage still to do.
    /// </summary>
    private static Task<string> CampaignAtAsync(HttpClient http, string api, string stage) =>
        CampaignStages.RunToAsync(http, api, $"敌意输入测试 {stage}", stage, CampaignBranches, [CampaignBranches[1], CampaignBranches[3]],
            selfAssessInStage: true, new { sampleRate = 1, minimumPerCity = 1 });

    private static async Task<string> CreateTenantAsync(HttpClient http, string csv)
    {
        var tenant = "h" + Guid.NewGuid().ToString("N")[..12];
        (await http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "测试省" })).EnsureSuccessStatusCode();
        var imported = await http.ImportHierarchyAsync($"/api/v1/tenants/{tenant}/imports/hierarchy", csv);
        imported.EnsureSuccessStatusCode();
        return tenant;
    }

    private static readonly JsonSerializerOptions Writing = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value, Writing)!.AsObject();
}
