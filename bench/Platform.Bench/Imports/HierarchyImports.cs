using Platform.Bench.Imports;
using System.Text;

namespace Platform.Bench.Imports;

/// <summary>
/// Posts a hierarchy file to <c>POST imports/hierarchy</c> as a script would: the import is a job, and
/// <c>Prefer: wait</c> makes the answer wait for it, so a caller that needs the rows in place gets the finished
/// report (200) or the file's refusal (400) in one request. A job longer than the wait answers 202; poll its Location.
/// </summary>
public static class HierarchyImports
{
    public const string PreferWait = "wait=60";

    /// <summary>Imports <paramref name="csv"/> (UTF-8) and waits up to a minute for the job to end.</summary>
    public static Task<HttpResponseMessage> ImportHierarchyAsync(this HttpClient http, string url, string csv, CancellationToken cancellationToken = default) =>
        http.ImportHierarchyAsync(url, new StringContent(csv, Encoding.UTF8, "text/csv"), cancellationToken);

    /// <summary>Imports a file in any accepted form (CSV, XLSX, a multipart form) and waits up to a minute for the job to end.</summary>
    public static Task<HttpResponseMessage> ImportHierarchyAsync(this HttpClient http, string url, HttpContent content, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation("Prefer", PreferWait);
        return http.SendAsync(request, cancellationToken);
    }
}
