using System.Net.Http.Json;
using System.Text.Json;
using Platform.Domain.Scoring;

namespace Platform.Bench;

/// <summary>Submits an assessment as a branch's client does: the body of <c>PUT …/assessment</c>, and If-Match with
/// the revision it last had acknowledged.</summary>
public static class AssessmentClient
{
    /// <summary>The acknowledged assessment, or null when the server refused it.</summary>
    public static async Task<JsonElement?> PutAsync(HttpClient http, string url, AssessmentInput input, int? revision, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent.Create(new { scores = input.Scores, counts = input.Counts, facts = input.Facts, vetoes = input.Vetoes }),
        };
        if (revision is { } expected)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{expected}\"");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement
            : null;
    }
}
