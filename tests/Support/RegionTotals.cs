using System.Net;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>What a region serves as its rollup: how many units are assessed under it and the sum of their totals.</summary>
internal readonly record struct RegionTotal(int Assessed, decimal ScoreSum)
{
    public RegionTotal Add(decimal total) => new(Assessed + 1, ScoreSum + total);

    public override string ToString() => $"{Assessed} assessed, score sum {ScoreSum}";
}

/// <summary>
/// The exactness check of the restart and failure tests: what every region of a tenant serves, read without touching a
/// branch, against the sum of its leaves' stored assessments, recomputed from scratch. Shared by the gateway's restart
/// tests and the cluster's (compiled into each, linked from tests/Support).
/// </summary>
internal static class RegionTotals
{
    /// <summary>Every region's totals as served, once two reads a second apart agree (or <paramref name="limit"/> has
    /// passed: the last read is returned, to be compared and found wrong). No branch is read.</summary>
    public static async Task<Dictionary<string, RegionTotal>> ServedWhenSettledAsync(HttpClient http, string tenant, ProvinceTree tree, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(15));
        var previous = await ServedAsync(http, tenant, tree);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var current = await ServedAsync(http, tenant, tree);
            if (current.All(p => previous[p.Key] == p.Value) || DateTime.UtcNow > deadline)
            {
                return current;
            }

            previous = current;
        }
    }

    public static async Task<Dictionary<string, RegionTotal>> ServedAsync(HttpClient http, string tenant, ProvinceTree tree)
    {
        var served = new Dictionary<string, RegionTotal>(StringComparer.Ordinal);
        foreach (var region in tree.Regions)
        {
            var summary = await ReadAsync(http, $"/api/v1/tenants/{tenant}/nodes/{region}/summary")
                ?? throw new InvalidOperationException($"region {region} of '{tenant}' is not found");
            served[region] = new RegionTotal(summary.GetProperty("assessed").GetInt32(), summary.GetProperty("scoreSum").GetDecimal());
        }

        return served;
    }

    /// <summary>Every rated unit's stored assessment (absent when it has none).</summary>
    public static async Task<Dictionary<string, JsonElement>> ReadLeavesAsync(HttpClient http, string tenant, ProvinceTree tree)
    {
        var leaves = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var code in tree.RatedUnits)
        {
            if (await ReadAsync(http, $"/api/v1/tenants/{tenant}/orgs/{code}/assessment") is { } stored)
            {
                leaves[code] = stored;
            }
        }

        return leaves;
    }

    /// <summary>Adds the leaves' totals up per region, from scratch.</summary>
    public static Dictionary<string, RegionTotal> FromLeaves(ProvinceTree tree, IReadOnlyDictionary<string, JsonElement> leaves)
    {
        var expected = tree.Regions.ToDictionary(r => r, _ => new RegionTotal(0, 0m), StringComparer.Ordinal);
        foreach (var (code, stored) in leaves)
        {
            var total = stored.GetProperty("total").GetDecimal();
            foreach (var region in tree.RegionsAbove(code))
            {
                expected[region] = expected[region].Add(total);
            }
        }

        return expected;
    }

    /// <summary>Reads every rated unit's stored assessment and adds them up per region, from scratch.</summary>
    public static async Task<Dictionary<string, RegionTotal>> RecomputeFromLeavesAsync(HttpClient http, string tenant, ProvinceTree tree) =>
        FromLeaves(tree, await ReadLeavesAsync(http, tenant, tree));

    /// <summary>Each region whose served totals differ from its leaves', in words; empty when every region is exact.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, RegionTotal> expected, IReadOnlyDictionary<string, RegionTotal> served) =>
        expected.Where(e => served[e.Key] != e.Value)
            .Select(e => $"region {e.Key} serves {served[e.Key]}; its leaves add up to {e.Value}")
            .ToList();

    /// <summary>The JSON of a read; null for a 404. A 503 (a silo restarting) is asked again for up to 30 s; any other
    /// failure throws, since a check that skipped what it could not read would pass on less than the whole.</summary>
    private static async Task<JsonElement?> ReadAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(body).RootElement.Clone();
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
            }

            await Task.Delay(200);
        }
    }
}
