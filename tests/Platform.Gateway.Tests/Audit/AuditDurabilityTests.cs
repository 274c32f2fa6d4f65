using Platform.Bench.Imports;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.Bench;
using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Audit;

/// <summary>A write is answered only once its line is stored: killing the process (SIGKILL) right after a burst of
/// acknowledged writes loses none of their lines.</summary>
public sealed class AuditDurabilityTests : IDisposable
{
    private const string Tenant = "durable";
    private const int Writers = 16;
    private const int WritesEach = 15;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-audit-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_acknowledged_write_still_has_its_line_after_the_process_is_killed_and_started_again()
    {
        var acknowledged = new int[Writers];
        PlatformClients? first = null;
        await using (var gateway = await GatewayProcess.StartAsync(_folder))
        {
            var clients = first = await gateway.ClientsAsync();
            using var http = clients.CreateClient();
            (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "审计测试" })).EnsureSuccessStatusCode();
            (await http.ImportHierarchyAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", TwoCityProvince.Csv)).EnsureSuccessStatusCode();

            // 16 accounts writing at once, so the lines travel in shared batches (group commit) when the process dies.
            var writers = new List<HttpClient>();
            for (var writer = 0; writer < Writers; writer++)
            {
                var created = await (await http.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/accounts",
                    new { username = $"writer{writer}", displayName = $"writer{writer}", role = "tenantAdmin", scopeCode = "430000" })).JsonAsync();
                var session = clients.SessionOf(Tenant, $"writer{writer}", created.GetProperty("oneTimePassword").GetString()!);
                await session.AccessTokenAsync();
                writers.Add(clients.CreateClient(session));
            }

            string[] branches = ["9430102001-01", "9430102001-02", "9430202001-01", "9430202002-01"];
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
            {
                EntityTagHeaderValue? etag = null;
                var branch = branches[writer % branches.Length];
                for (var i = 0; i < WritesEach; i++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/orgs/{branch}/assessment")
                    {
                        Content = JsonContent.Create(new { scores = Scores.AtShare(0.5m + i / 100m) }),
                    };
                    if (etag is not null)
                    {
                        request.Headers.IfMatch.Add(etag);
                    }

                    var response = await writers[writer].SendAsync(request);
                    if (response.IsSuccessStatusCode || (int)response.StatusCode is 409 or 412 or 428)
                    {
                        Interlocked.Increment(ref acknowledged[writer]);
                    }

                    etag = (await writers[writer].GetAsync($"/api/v1/tenants/{Tenant}/orgs/{branch}/assessment")).Headers.ETag;
                }
            }));

            await gateway.KillAsync();
            writers.ForEach(w => w.Dispose());
        }

        await using (var gateway = await GatewayProcess.StartAsync(_folder))
        {
            using var clients = await gateway.ClientsAsync(first);
            using var http = clients.CreateClient();
            var lines = await AuditLog.LinesAsync(http, Tenant);
            Assert.Equal(Writers * WritesEach, acknowledged.Sum());
            for (var writer = 0; writer < Writers; writer++)
            {
                Assert.Equal(acknowledged[writer], lines.Count(l => l.Text("actorName") == $"writer{writer}" && l.Text("operation") == "AssessmentPut"));
            }

            Assert.Equal(lines.Count, lines.Select(l => l.GetProperty("sequence").GetInt64()).Distinct().Count());

            // The log goes on where it stopped.
            (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "审计测试" })).EnsureSuccessStatusCode();
            Assert.Equal(lines[0].GetProperty("sequence").GetInt64() + 1, (await AuditLog.LinesAsync(http, Tenant, "pageSize=1"))[0].GetProperty("sequence").GetInt64());
        }

        first?.Dispose();
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
