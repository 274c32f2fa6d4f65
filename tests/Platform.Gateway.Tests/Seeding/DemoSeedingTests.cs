using System.Net.Http.Json;
using System.Text.Json;
using Platform.DemoData;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Seeding;

/// <summary>A first start on an empty database shows a newcomer a whole province and a campaign under way.</summary>
public sealed class DemoSeedingTests : IAsyncLifetime
{
    private LoopbackGateway? _gateway;

    private HttpClient Http => _gateway!.Http;

    public async Task InitializeAsync() => _gateway = await LoopbackGateway.StartAsync("--Platform:Seed:Demo=true");

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_first_start_seeds_the_demo_province_and_a_campaign_in_self_assessment()
    {
        var province = DemoProvince.Generate();
        var submitted = province.Assessments.Count - (province.Assessments.Count + 6) / 7;

        var campaign = await EventuallyAsync("/api/v1/tenants/demo/campaigns/c1/progress",
            p => p.GetProperty("total").GetProperty("submitted").GetInt32() == submitted);
        var total = campaign.GetProperty("total");
        Assert.Equal("430000", Assert.Single(campaign.GetProperty("children").EnumerateArray()).GetProperty("code").GetString());
        var cities = await Http.GetFromJsonAsync<JsonElement>("/api/v1/tenants/demo/campaigns/c1/progress/430000?sortBy=completion");
        Assert.Equal(14, cities.GetProperty("children").GetArrayLength());

        var summary = await EventuallyAsync("/api/v1/tenants/demo/nodes/430000/summary",
            s => s.GetProperty("assessed").GetInt32() == province.Assessments.Count);
        Assert.Equal(province.Organisations, summary.GetProperty("organisations").GetInt32());
        Assert.Equal(summary.GetProperty("ratedUnits").GetInt32(), total.GetProperty("inScope").GetInt32());

        var stage = await Http.GetFromJsonAsync<JsonElement>("/api/v1/tenants/demo/campaigns/c1");
        Assert.Equal("selfAssessment", stage.GetProperty("stage").GetString());
        var laggards = await Http.GetFromJsonAsync<JsonElement>("/api/v1/tenants/demo/campaigns/c1/laggards/430000?limit=5000");
        Assert.Equal(total.GetProperty("inScope").GetInt32() - submitted, laggards.GetArrayLength());

        // The seed's writes are the platform's own, each a line in the demo tenant's audit log (the last ones may still be
        // on their way when the progress above is complete: the seed records each write after the grain answers).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountSeedLinesAsync("campaigns/c1/branches") < submitted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal(submitted, await CountSeedLinesAsync("campaigns/c1/branches"));
        Assert.Equal(province.Assessments.Count, await CountSeedLinesAsync("orgs"));
        Assert.Equal(1, await CountSeedLinesAsync("tenant"));
    }

    private async Task<int> CountSeedLinesAsync(string target)
    {
        var count = 0;
        for (var page = 1; ; page++)
        {
            var read = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/demo/audit?actor=system:seed&target={target}&pageSize=500&page={page}");
            var lines = read.GetProperty("entries");
            Assert.All(lines.EnumerateArray(), l => Assert.Equal(200, l.GetProperty("status").GetInt32()));
            count += lines.GetArrayLength();
            if (!read.GetProperty("hasMore").GetBoolean())
            {
                return count;
            }
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_first_start_writes_one_demo_account_per_role_that_signs_in_to_the_demo_tenant()
    {
        var path = Path.Combine(_gateway!.Folder, Platform.Gateway.Identity.InitialCredentials.FileName);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        IReadOnlyList<Platform.Gateway.Identity.InitialCredential> accounts;
        while ((accounts = await Platform.Bench.SignIn.PlatformClients.ReadAsync(path)).Count < 6)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the demo accounts were not written within 90 s; the file holds {accounts.Count}");
            await Task.Delay(200);
        }

        Assert.Equal(["branchSecretary", "operator", "regionAdmin", "reviewer", "tenantAdmin", "viewer"], accounts.Select(a => a.Role).Order().ToArray());
        Assert.Equal("430100", accounts.Single(a => a.Role == "regionAdmin").ScopeCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var anonymous = _gateway.Anonymous();
        foreach (var account in accounts)
        {
            var signedIn = await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant = account.Tenant, username = account.Username, password = account.Password });
            Assert.True(signedIn.IsSuccessStatusCode, $"{account.Username} of {account.Tenant ?? "(operator)"}: {(int)signedIn.StatusCode}");
            Assert.Equal(account.Tenant is null ? null : "demo", account.Tenant);
        }
    }

    private async Task<JsonElement> EventuallyAsync(string path, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var response = await Http.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                var json = await response.JsonAsync();
                if (condition(json))
                {
                    return json;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} did not get there in time: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(250);
        }
    }
}
