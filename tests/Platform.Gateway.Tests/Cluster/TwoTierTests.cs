using Platform.Bench.Imports;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.DemoData;
using Platform.Gateway.Identity;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Cluster;

/// <summary>
/// The cluster mode as deployed, in processes on 127.0.0.1: two silo hosts (src/Platform.Silo) on one PostgreSQL
/// database and two gateways that are only their Orleans clients (<c>Platform:Gateway:Mode=Client</c>). One scenario,
/// because starting the processes is most of its cost: the first start, the whole path of a request, a silo leaving,
/// and the last silo gone.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoTierTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int SchoolsPerCounty = 1;
    private const string Tenant = "tiers";
    private const string Branch = "9430103001-01";

    [Fact]
    public async Task Two_client_gateways_seed_once_serve_through_two_silos_keep_serving_when_one_stops_and_without_silos_are_live_not_ready()
    {
        var started = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 2, gateways: 0,
            // A tenth of the production hashing work (the accounts are hashed on the silos), as the in-process gateway tests do.
            [.. ProcessCluster.FastFailureDetection, "--Platform:Auth:PasswordHashing:IterationCount=10000"]);
        output.WriteLine($"2 silos ready {started.ElapsedMilliseconds} ms after the start (database created and migrated)");
        string[] seeding = ["--Platform:Seed:Demo=true", $"--Platform:Seed:SchoolsPerCounty={SchoolsPerCounty}"];
        var gateways = await Task.WhenAll(cluster.AddGatewayAsync("/health/ready", seeding), cluster.AddGatewayAsync("/health/ready", seeding));
        output.WriteLine($"2 gateways, started together, ready {started.ElapsedMilliseconds} ms after the start");

        await TheFirstStartWasDoneOnceAsync(cluster, gateways);
        using var clients = await gateways[0].ClientsAsync();
        using var http = clients.CreateClient();
        await TheWholePathIsServedAsync(http);

        var stopping = Stopwatch.StartNew();
        Assert.True(await cluster.Silos[0].TerminateAsync(TimeSpan.FromSeconds(30)), "silo-1 did not stop within 30 s of SIGTERM");
        output.WriteLine($"silo-1 stopped {stopping.ElapsedMilliseconds} ms after SIGTERM");
        await TheGatewayStillServesAsync(http);
        Assert.True(await gateways[0].AnswersAsync("/health/ready"), "gateway-1 is not ready with one silo of two left");
        Assert.True(await cluster.Silos[1].AnswersAsync("/health/ready"), "silo-2 is not ready after silo-1 left");

        // With no silo left a gateway cannot serve: not ready (a load balancer sends it nobody), but alive (restarting
        // it would not bring the silos back; it reconnects when they come).
        await cluster.Silos[1].KillAsync();
        var probing = Stopwatch.StartNew();
        while (await gateways[0].AnswersAsync("/health/ready"))
        {
            Assert.True(probing.Elapsed < TimeSpan.FromSeconds(30), "gateway-1 still says ready 30 s after its last silo died");
            await Task.Delay(200);
        }

        output.WriteLine($"gateway-1 not ready {probing.ElapsedMilliseconds} ms after its last silo was killed; whole test {started.ElapsedMilliseconds} ms");
        Assert.True(await gateways[0].AnswersAsync("/health/live"), "gateway-1 is not live without silos");
    }

    /// <summary>Both gateways ready means the cluster's first start is done, and it was done once: one operator, one
    /// set of demo accounts, each of the seed's writes once.</summary>
    private static async Task TheFirstStartWasDoneOnceAsync(ProcessCluster cluster, GatewayProcess[] gateways)
    {
        var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = SchoolsPerCounty });
        var credentials = await PlatformClients.ReadAsync(Path.Combine(cluster.Folder, InitialCredentials.FileName));
        Assert.Equal(["branchSecretary", "operator", "regionAdmin", "reviewer", "tenantAdmin", "viewer"], credentials.Select(a => a.Role).Order().ToArray());
        foreach (var gateway in gateways)
        {
            using var clients = await gateway.ClientsAsync();
            using var http = clients.CreateClient();
            var summary = await (await http.GetAsync($"/api/v1/tenants/demo/nodes/{province.RootCode}/summary")).JsonAsync();
            Assert.Equal(province.Organisations, summary.GetProperty("organisations").GetInt32());
            Assert.Equal(1, await SeedAudit.CountAsync(http, "tenant"));
            Assert.Equal(1, await SeedAudit.CountAsync(http, "imports"));
            Assert.Equal(province.Assessments.Count, await SeedAudit.CountAsync(http, "orgs"));
        }
    }

    /// <summary>Sign in, create a tenant, import a hierarchy, submit an assessment, read the province's rollup.</summary>
    private static async Task TheWholePathIsServedAsync(HttpClient http)
    {
        (await http.PutAsJsonAsync($"/api/v1/tenants/{Tenant}", new { name = "两层测试" })).EnsureSuccessStatusCode();
        (await http.ImportHierarchyAsync($"/api/v1/tenants/{Tenant}/imports/hierarchy", SmallProvince.Csv)).EnsureSuccessStatusCode();
        await (await http.PutAsJsonAsync(Assessment, new { scores = Scores.AtShare(1m) })).JsonAsync();
        var province = await http.EventuallyAsync(Summary, s => s.GetProperty("assessed").GetInt32() == 1);
        Assert.Equal(SmallProvince.Organisations, province.GetProperty("organisations").GetInt32());
        Assert.Equal(110m, province.GetProperty("scoreSum").GetDecimal());
    }

    /// <summary>Whatever the stopped silo held is activated again on the other, from PostgreSQL: the rollup is read
    /// and a new write reaches it.</summary>
    private static async Task TheGatewayStillServesAsync(HttpClient http)
    {
        Assert.Equal(110m, (await http.EventuallyAsync(Summary, s => s.GetProperty("assessed").GetInt32() == 1)).GetProperty("scoreSum").GetDecimal());
        var current = await (await http.GetAsync(Assessment)).JsonAsync();
        var revised = new HttpRequestMessage(HttpMethod.Put, Assessment) { Content = JsonContent.Create(new { scores = Scores.AtShare(0.5m) }) };
        revised.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{current.GetProperty("revision").GetInt32()}\""));
        await (await http.SendAsync(revised)).JsonAsync();
        var province = await http.EventuallyAsync(Summary, s => s.GetProperty("scoreSum").GetDecimal() < 110m);
        Assert.Equal(1, province.GetProperty("assessed").GetInt32());
    }

    private static string Summary => $"/api/v1/tenants/{Tenant}/nodes/{SmallProvince.Root}/summary";

    private static string Assessment => $"/api/v1/tenants/{Tenant}/orgs/{Branch}/assessment";
}
