using Platform.Bench.Imports;
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

    /// <summary>How many of the province's cities the tenant keeps: enough regions and branches to spread over three
    /// silos, few enough that every silo's start (which loads every tenant's regions) stays short.</summary>
    private const int Cities = 3;

    public static async Task<TestTenant> CreateAsync(PlatformClients clients, string id, int seed)
    {
        var province = DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = 1, AssessedShare = 1.0, Seed = seed });
        var csv = FirstCities(province.HierarchyCsv, Cities);
        var tree = ProvinceTree.Parse(csv);
        var rated = tree.RatedUnits.ToHashSet(StringComparer.Ordinal);
        using var http = clients.CreateClient();
        (await http.PutAsJsonAsync($"/api/v1/tenants/{id}", new { name = $"集群测试 {id}" })).EnsureSuccessStatusCode();
        using var import = await http.ImportHierarchyAsync($"/api/v1/tenants/{id}/imports/hierarchy", csv);
        import.EnsureSuccessStatusCode();
        var rejected = JsonDocument.Parse(await import.Content.ReadAsStringAsync()).RootElement.GetProperty("rejected").GetInt32();
        if (rejected != 0)
        {
            throw new InvalidOperationException($"the import rejected {rejected} rows of the generated province");
        }

        var ledger = new BranchLedger();
        var framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);
        await Parallel.ForEachAsync(province.Assessments.Where(a => rated.Contains(a.Code)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, cancellationToken) =>
        {
            var body = await Bench.AssessmentClient.PutAsync(http, $"/api/v1/tenants/{id}/orgs/{item.Code}/assessment", item.Input, null, cancellationToken)
                ?? throw new InvalidOperationException($"the first assessment of {item.Code} was refused");
            ledger[item.Code].Acknowledge(body.GetProperty("revision").GetInt32(), StoredValues.Read(body));
        });
        return new TestTenant(id, tree, ledger);
    }

    /// <summary>The import file cut to the province, its first <paramref name="cities"/> cities and everything under
    /// them (the generator writes every parent before its children).</summary>
    private static string FirstCities(string csv, int cities)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var (kind, code, parent) = (Array.IndexOf(header, "kind"), Array.IndexOf(header, "code"), Array.IndexOf(header, "parentCode"));
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var result = new StringBuilder(lines[0]).Append('\n');
        var citiesKept = 0;
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var keep = cells[parent].Length == 0
                || (cells[kind] == "city" ? kept.Contains(cells[parent]) && citiesKept++ < cities : kept.Contains(cells[parent]));
            if (keep)
            {
                kept.Add(cells[code]);
                result.Append(line).Append('\n');
            }
        }

        return result.ToString();
    }
}
