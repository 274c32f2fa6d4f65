using System.Diagnostics;
using Platform.Bench.Processes;
using Platform.Bench.SignIn;
using Platform.DemoData;
using Platform.Gateway.Identity;
using Platform.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Cluster;

/// <summary>First-start work (the operator, the demo tenant) is the cluster's, done once, not once per gateway.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FirstStartTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int SchoolsPerCounty = 1;

    [Fact]
    public async Task Two_gateways_starting_together_on_an_empty_cluster_seed_the_demo_once_and_both_are_ready_after_it()
    {
        var started = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 1, gateways: 0);
        var seeding = new[] { "--Platform:Seed:Demo=true", $"--Platform:Seed:SchoolsPerCounty={SchoolsPerCounty}" };
        var gateways = await Task.WhenAll(cluster.AddGatewayAsync("/health/ready", seeding), cluster.AddGatewayAsync("/health/ready", seeding));
        output.WriteLine($"1 silo and 2 seeding gateways ready in {started.ElapsedMilliseconds} ms");

        // Ready means seeded: nothing below waits.
        var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = SchoolsPerCounty });
        var credentials = await PlatformClients.ReadAsync(Path.Combine(cluster.Folder, InitialCredentials.FileName));
        Assert.Equal(["branchSecretary", "operator", "regionAdmin", "reviewer", "tenantAdmin", "viewer"], credentials.Select(a => a.Role).Order().ToArray());
        foreach (var gateway in gateways)
        {
            using var clients = await gateway.ClientsAsync();
            using var http = clients.CreateClient();
            var summary = await (await http.GetAsync($"/api/v1/tenants/demo/nodes/{province.RootCode}/summary")).JsonAsync();
            Assert.Equal(province.Organisations, summary.GetProperty("organisations").GetInt32());
            Assert.Equal(province.Assessments.Count, summary.GetProperty("assessed").GetInt32());
            Assert.Equal(1, await SeedAudit.CountAsync(http, "tenant"));
            Assert.Equal(1, await SeedAudit.CountAsync(http, "imports"));
            Assert.Equal(province.Assessments.Count, await SeedAudit.CountAsync(http, "orgs"));
        }

        output.WriteLine($"whole test {started.ElapsedMilliseconds} ms");
    }
}
