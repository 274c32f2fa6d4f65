using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Bench.SignIn;
using Platform.Cluster.Tests.Load;
using Platform.DemoData;
using Platform.Domain.Framework;
using Platform.Testing;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>A tenant of one test: a small generated province imported into it, and every rated unit assessed once and
/// acknowledged, so every branch has stored state before the fault.</summary>
internal sealed class TestTenant
{
    private TestTenant(string id, ProvinceTree tree, BranchLedger ledger)
    {
        Id = id;
        Tree = tree;
        Ledger = ledger;
    }

    public string Id { get; }

    public ProvinceTree Tree { get; }

    public BranchLedger Ledger { get; }

    public static async Task<TestTenant> CreateAsync(PlatformClients clients, string id, int seed)
    {
        var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = 1, AssessedShare = 1.0, Seed = seed });
        var tree = ProvinceTree.Parse(province.HierarchyCsv);
        using var http = clients.CreateClient();
        (await http.PutAsJsonAsync($"/api/v1/tenants/{id}", new { name = $"集群测试 {id}" })).EnsureSuccessStatusCode();
        using var import = await http.PostAsync($"/api/v1/tenants/{id}/imports/hierarchy", new StringContent(province.HierarchyCsv, Encoding.UTF8, "text/csv"));
        import.EnsureSuccessStatusCode();
        var rejected = JsonDocument.Parse(await import.Content.ReadAsStringAsync()).RootElement.GetProperty("rejected").GetInt32();
        if (rejected != 0)
        {
            throw new InvalidOperationException($"the import rejected {rejected} rows of the generated province");
        }

        var ledger = new BranchLedger();
        var framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);
        await Parallel.ForEachAsync(province.Assessments, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, cancellationToken) =>
        {
            var body = await Bench.AssessmentClient.PutAsync(http, $"/api/v1/tenants/{id}/orgs/{item.Code}/assessment", item.Input, null, cancellationToken)
                ?? throw new InvalidOperationException($"the first assessment of {item.Code} was refused");
            ledger[item.Code].Acknowledge(body.GetProperty("revision").GetInt32(), StoredValues.Read(body));
        });
        return new TestTenant(id, tree, ledger);
    }
}
