using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Platform.Bench.Processes;
using Platform.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Cluster;

/// <summary>
/// The cluster mode as deployed, in processes: two silo hosts (src/Platform.Silo) on one PostgreSQL database and a
/// gateway that is only their Orleans client (<c>Platform:Gateway:Mode=Client</c>), all on 127.0.0.1.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoTierTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Tenant = "tiers";
    private const string Branch = "9430103001-01";

    [Fact]
    public async Task A_client_gateway_serves_the_whole_path_through_two_silos_and_keeps_serving_when_one_stops()
    {
        var started = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 2, gateways: 1, ProcessCluster.FastFailureDetection);
        output.WriteLine($"2 silos and 1 gateway ready in {started.ElapsedMilliseconds} ms");
        var gateway = cluster.Gateways.Single();
        using var clients = await gateway.ClientsAsync();
        using var http = clients.CreateClient();

        (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "两层测试" })).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", new StringContent(SmallProvince.Csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        await (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}/orgs/{Branch}/assessment", new { scores = Scores.AtShare(1m) })).JsonAsync();
        var province = await http.EventuallyAsync(Summary, s => s.GetProperty("assessed").GetInt32() == 1);
        Assert.Equal(SmallProvince.Organisations, province.GetProperty("organisations").GetInt32());
        Assert.Equal(110m, province.GetProperty("scoreSum").GetDecimal());

        var stopping = Stopwatch.StartNew();
        Assert.True(await cluster.Silos[0].TerminateAsync(TimeSpan.FromSeconds(30)), "silo-1 did not stop within 30 s of SIGTERM");
        output.WriteLine($"silo-1 stopped {stopping.ElapsedMilliseconds} ms after SIGTERM");

        // Whatever silo-1 held is activated again on silo-2, from PostgreSQL: the rollup read and a new write both work.
        var after = await http.EventuallyAsync(Summary, s => s.GetProperty("assessed").GetInt32() == 1);
        Assert.Equal(110m, after.GetProperty("scoreSum").GetDecimal());
        var current = await (await http.GetAsync($"/api/v1/tenants/{Tenant}/orgs/{Branch}/assessment")).JsonAsync();
        var revised = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{Tenant}/orgs/{Branch}/assessment") { Content = JsonContent.Create(new { scores = Scores.AtShare(0.5m) }) };
        revised.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{current.GetProperty("revision").GetInt32()}\""));
        await (await http.SendAsync(revised)).JsonAsync();
        var revisedProvince = await http.EventuallyAsync(Summary, s => s.GetProperty("scoreSum").GetDecimal() < 110m);
        Assert.Equal(1, revisedProvince.GetProperty("assessed").GetInt32());
        Assert.True(await gateway.AnswersAsync("/health/ready"), "the gateway is not ready with one silo of two left");
        Assert.True(await cluster.Silos[1].AnswersAsync("/health/ready"), "silo-2 is not ready after silo-1 left");
        output.WriteLine($"whole test {started.ElapsedMilliseconds} ms");
    }

    private static string Summary => $"/api/v1/tenants/{Tenant}/nodes/{SmallProvince.Root}/summary";
}
