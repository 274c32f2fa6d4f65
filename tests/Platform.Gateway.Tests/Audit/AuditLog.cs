using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Audit;

/// <summary>Reads a tenant's audit log over HTTP.</summary>
internal static class AuditLog
{
    /// <param name="query">The query string without '?', e.g. <c>actor=x&amp;pageSize=5</c>.</param>
    public static async Task<JsonElement> PageAsync(HttpClient http, string tenant, string query = "") =>
        await (await http.GetAsync($"/api/v1/tenants/{tenant}/audit?{query}")).JsonAsync();

    public static async Task<IReadOnlyList<JsonElement>> LinesAsync(HttpClient http, string tenant, string query = "pageSize=500") =>
        (await PageAsync(http, tenant, query)).GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToList();

    /// <summary>The sequence number of the newest line, or -1 for an empty log.</summary>
    public static async Task<long> NewestAsync(HttpClient http, string tenant) =>
        (await LinesAsync(http, tenant, "pageSize=1")) is [var newest] ? newest.GetProperty("sequence").GetInt64() : -1;

    /// <summary>The lines after <paramref name="sequence"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> SinceAsync(HttpClient http, string tenant, long sequence) =>
        (await LinesAsync(http, tenant)).Where(e => e.GetProperty("sequence").GetInt64() > sequence).Reverse().ToList();

    public static string Text(this JsonElement line, string property) =>
        line.GetProperty(property).ValueKind == JsonValueKind.Null ? "" : line.GetProperty(property).GetString()!;
}
