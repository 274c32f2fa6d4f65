using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.Bench;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Audit;

/// <summary>A write is answered only once its line is stored: killing the process (SIGKILL) right after a burst of
/// acknowledged writes loses none of their lines.</summary>
public sealed class AuditDurabilityTests : IDisposable
{
    private const string Tenant = "durable";
    private static readonly string[] Settings = ["--Platform:Audit:UnguardedReads=true"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-audit-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_acknowledged_write_still_has_its_line_after_the_process_is_killed_and_started_again()
    {
        var acknowledged = new List<string>();
        await using (var gateway = await GatewayProcess.StartAsync(_folder, Settings))
        {
            using var http = new HttpClient { BaseAddress = gateway.Address };
            (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "审计测试" })).EnsureSuccessStatusCode();
            (await http.PostAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", new StringContent(TwoCityProvince.Csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

            // 16 writers at once, so the lines travel in shared batches (group commit) when the process dies.
            string[] branches = ["9430102001-01", "9430102001-02", "9430202001-01", "9430202002-01"];
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async writer =>
            {
                EntityTagHeaderValue? etag = null;
                var branch = branches[writer % branches.Length];
                for (var i = 0; i < 15; i++)
                {
                    var actor = $"writer{writer}-{i}";
                    var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/orgs/{branch}/assessment")
                    {
                        Content = JsonContent.Create(new { actor, scores = Scores.AtShare(0.5m + i / 100m) }),
                    };
                    if (etag is not null)
                    {
                        request.Headers.IfMatch.Add(etag);
                    }

                    var response = await http.SendAsync(request);
                    if (response.IsSuccessStatusCode || (int)response.StatusCode is 409 or 412 or 428)
                    {
                        lock (acknowledged)
                        {
                            acknowledged.Add(actor);
                        }
                    }

                    etag = (await http.GetAsync($"/api/v1/tenants/{Tenant}/orgs/{branch}/assessment")).Headers.ETag;
                }
            }));

            await gateway.KillAsync();
        }

        await using (var gateway = await GatewayProcess.StartAsync(_folder, Settings))
        {
            using var http = new HttpClient { BaseAddress = gateway.Address };
            var lines = await AuditLog.LinesAsync(http, Tenant);
            var actors = lines.Select(l => l.Text("actor")).ToHashSet();
            Assert.Equal(2 + 16 * 15, acknowledged.Count + 2);
            Assert.All(acknowledged, actor => Assert.Contains(actor, actors));
            Assert.Equal(lines.Count, lines.Select(l => l.GetProperty("sequence").GetInt64()).Distinct().Count());

            // The log goes on where it stopped.
            (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "审计测试" })).EnsureSuccessStatusCode();
            Assert.Equal(lines[0].GetProperty("sequence").GetInt64() + 1, (await AuditLog.LinesAsync(http, Tenant, "pageSize=1"))[0].GetProperty("sequence").GetInt64());
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
