using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Bench;
using Platform.DemoData;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Seeding;

/// <summary>A first start on an empty database shows a newcomer a whole province and a campaign under way.</summary>
public sealed class DemoSeedingTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-demo-tests", Guid.NewGuid().ToString("N"));
    private Microsoft.AspNetCore.Builder.WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _app = PlatformApp.Create(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Platform:Sqlite:Path={Path.Combine(_folder, "platform.db")}",
            "--Platform:Seed:Demo=true",
            $"--Platform:SiloPort={Ports.Free()}",
            $"--Platform:GatewayPort={Ports.Free()}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
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
        var cities = await _http.GetFromJsonAsync<JsonElement>("/api/v1/tenants/demo/campaigns/c1/progress/430000?sortBy=completion");
        Assert.Equal(14, cities.GetProperty("children").GetArrayLength());

        var summary = await EventuallyAsync("/api/v1/tenants/demo/nodes/430000/summary",
            s => s.GetProperty("assessed").GetInt32() == province.Assessments.Count);
        Assert.Equal(province.Organisations, summary.GetProperty("organisations").GetInt32());
        Assert.Equal(summary.GetProperty("ratedUnits").GetInt32(), total.GetProperty("inScope").GetInt32());

        var stage = await _http.GetFromJsonAsync<JsonElement>("/api/v1/tenants/demo/campaigns/c1");
        Assert.Equal("selfAssessment", stage.GetProperty("stage").GetString());
        var laggards = await _http.GetFromJsonAsync<JsonElement>("/api/v1/tenants/demo/campaigns/c1/laggards/430000?limit=5000");
        Assert.Equal(total.GetProperty("inScope").GetInt32() - submitted, laggards.GetArrayLength());
    }

    private async Task<JsonElement> EventuallyAsync(string path, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var response = await _http.GetAsync(path);
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
