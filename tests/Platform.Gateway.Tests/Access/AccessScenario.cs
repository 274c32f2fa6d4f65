using Platform.Bench.Imports;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Access;

/// <summary>
/// A tenant prepared for access tests: two cities of branches and a third with none, an import, an account, and a
/// campaign at each stage a branch command needs (every branch drawn for the cross-check, so a city-1 branch is assigned
/// to city 2's reviewers; the second city-1 branch has appealed in publicity). Built as its tenant admin, whose client
/// signs a branch's own commands in as its secretary and a cross-check as the assigned city's reviewer.
/// </summary>
internal sealed class AccessScenario
{
    public const string CityOne = "430100";
    public const string CountyOne = "430102";
    public const string SecondCountyOne = "430103";
    public const string CityTwo = "430200";

    /// <summary>A city with no branch: its reviewers are never assigned one.</summary>
    public const string EmptyCity = "430300";

    public const string School = "9430102001";
    public const string Branch = "9430102001-01";
    public const string Appellant = "9430102001-02";
    public const string OtherCityBranch = "9430202001-01";

    /// <summary>A city-1 viewer the account routes address.</summary>
    public const string Account = "viewer-changsha";

    public static readonly string[] Branches = [Branch, Appellant, OtherCityBranch, "9430202002-01"];

    private const string Csv = TwoCityProvince.Csv + """

        county,430103,天心区,430100,,,,,,
        school,9430103001,天心区第一小学,430103,primary,public,urban,,,
        city,430300,湘潭市,430000,,,,,,
        """;

    private AccessScenario(string tenant, string importId, IReadOnlyDictionary<string, string> campaigns)
    {
        Tenant = tenant;
        ImportId = importId;
        Campaigns = campaigns;
    }

    public string Tenant { get; }

    public string Api => $"/api/v1/tenants/{Tenant}";

    public string ImportId { get; }

    /// <summary>Stage → the id of the campaign standing there.</summary>
    public IReadOnlyDictionary<string, string> Campaigns { get; }

    /// <summary>Every node name of the tenant: none may appear in a refusal.</summary>
    public static IReadOnlyList<string> Names { get; } = Csv.Split('\n').Skip(1)
        .Select(line => line.Split(','))
        .Where(cells => cells.Length > 2)
        .Select(cells => cells[2].Trim())
        .Where(name => name.Length > 0)
        .ToArray();

    public static async Task<AccessScenario> PrepareAsync(GatewayFixture fixture)
    {
        var http = fixture.Http;
        var tenant = await fixture.CreateTenantAsync(minimumPublicityDays: 0);
        var api = $"/api/v1/tenants/{tenant}";
        var imported = await (await http.ImportHierarchyAsync($"{api}/imports/hierarchy", Csv)).JsonAsync();
        Assert.Equal(0, imported.GetProperty("rejected").GetInt32());
        foreach (var branch in Branches)
        {
            await CampaignStages.SendAsync(http, HttpMethod.Put, $"{api}/orgs/{branch}/assessment", null, new { scores = Scores.AtShare(0.8m) });
        }

        await (await http.PostAsJsonAsync($"{api}/accounts", new { username = Account, displayName = "长沙领导", role = "viewer", scopeCode = CityOne })).JsonAsync();
        var campaigns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in new[] { "draft", "selfAssessment", "review", "crossCheck", "publicity" })
        {
            campaigns[stage] = await CampaignAtAsync(http, api, stage);
        }

        return new AccessScenario(tenant, imported.GetProperty("importId").GetString()!, campaigns);
    }

    /// <summary>Signs in a new account of the tenant.</summary>
    public Task<SignedInAccount> AccountAsync(GatewayFixture fixture, Role role, string scope) => fixture.CreateAccountAsync(Tenant, role, scope);

    public string Campaign(string stage) => $"{Api}/campaigns/{Campaigns[stage]}";

    /// <summary>
    /// A campaign run to <paramref name="stage"/>, every earlier stage's command done for every branch, none of the
    /// stage's own (but in publicity the appellant's appeal).
    /// </summary>
    private static async Task<string> CampaignAtAsync(HttpClient http, string api, string stage) =>
        (await CampaignStages.RunToAsync(http, api, $"权限测试 {stage}", stage, Branches, [Appellant], selfAssessInStage: false,
            new { sampleRate = 1, minimumPerCity = 1, cascadeOnFailure = false })).Split('/')[^1];
}
