using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>The demo seed's writes as its audit lines (<c>system:seed</c>): each is recorded once the grain stored it,
/// so when the seed is done they are all there, and a second seed would show twice.</summary>
internal static class SeedAudit
{
    /// <summary>The demo tenant's seed lines whose target is or starts with <paramref name="target"/> (e.g. "tenant", "imports", "orgs").</summary>
    public static async Task<int> CountAsync(HttpClient http, string target)
    {
        var count = 0;
        for (var page = 1; ; page++)
        {
            var read = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/demo/audit?actor=system:seed&target={Uri.EscapeDataString(target)}&pageSize=500&page={page}");
            count += read.GetProperty("entries").GetArrayLength();
            if (!read.GetProperty("hasMore").GetBoolean())
            {
                return count;
            }
        }
    }
}
