using Platform.Bench.Imports;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Bench;
using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Resilience;

/// <summary>A stage deadline is a durable reminder in the SQLite file: it passes even when the process that set it is
/// killed and another starts in its place.</summary>
public sealed class CampaignDeadlineTests : IDisposable
{
    private const string Tenant = "deadline";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-deadline-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_stage_closes_at_its_deadline_after_the_process_that_opened_it_was_killed()
    {
        string campaign;
        PlatformClients? first = null;
        await using (var gateway = await GatewayProcess.StartAsync(_folder))
        {
            using var clients = await gateway.ClientsAsync();
            first = clients;
            using var http = clients.CreateClient();
            (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "期限测试" })).EnsureSuccessStatusCode();
            var import = await http.ImportHierarchyAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", TwoCityProvince.Csv);
            Assert.Equal(0, (await import.JsonAsync()).GetProperty("rejected").GetInt32());

            var created = await (await http.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/campaigns", new
            {
                name = "期限", kind = "annualStarRating", scope = new[] { "430000" },
                deadlines = new Dictionary<string, DateTimeOffset> { ["selfAssessment"] = DateTimeOffset.UtcNow.AddSeconds(15) },
            })).JsonAsync();
            campaign = $"/api/v1/tenants/{Tenant}/campaigns/{created.GetProperty("id").GetString()}";
            var opened = await (await http.PostAsJsonAsync($"{campaign}/advance", new { to = "selfAssessment" })).JsonAsync();
            Assert.Equal("selfAssessment", opened.GetProperty("stage").GetString());
            await gateway.KillAsync();
        }

        await using (var gateway = await GatewayProcess.StartAsync(_folder))
        {
            using var clients = await gateway.ClientsAsync(first);
            using var http = clients.CreateClient();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            JsonElement view;
            do
            {
                await Task.Delay(500);
                view = await (await http.GetAsync(campaign)).JsonAsync();
            }
            while (view.GetProperty("stage").GetString() != "review" && DateTime.UtcNow < deadline);

            Assert.Equal("review", view.GetProperty("stage").GetString());
            Assert.Equal("system:deadline", view.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString());
        }
    }

    public void Dispose()
    {
        Platform.Testing.SqlitePools.Release(Path.Combine(_folder, "platform.db"));
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
