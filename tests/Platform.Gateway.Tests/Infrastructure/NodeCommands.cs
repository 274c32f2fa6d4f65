using System.Net.Http.Json;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Moves and closes as a careful client sends them: read the node, quote its ETag in If-Match.</summary>
internal static class NodeCommands
{
    public static async Task<string> ETagAsync(this HttpClient http, string tenant, string code)
    {
        var response = await http.GetAsync($"/api/v1/tenants/{tenant}/nodes/{code}");
        await response.JsonAsync();
        return response.Headers.ETag!.Tag;
    }

    public static async Task<HttpResponseMessage> MoveAsync(this HttpClient http, string tenant, string code, object body, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenant}/nodes/{code}/move") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag ?? await http.ETagAsync(tenant, code));
        return await http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> CloseAsync(this HttpClient http, string tenant, string code, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenant}/nodes/{code}/close");
        request.Headers.TryAddWithoutValidation("If-Match", etag ?? await http.ETagAsync(tenant, code));
        return await http.SendAsync(request);
    }
}
