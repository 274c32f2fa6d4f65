using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Runs a campaign over a tenant's whole province to a stage over HTTP, each command signed in as whoever may
/// make it (the test client's token handler): every earlier stage's command done for every branch.</summary>
internal static class CampaignStages
{
    private static readonly string[] Stages = ["selfAssessment", "review", "crossCheck", "publicity"];

    /// <param name="selfAssessInStage">Whether the branches self-assess when the stage is self-assessment itself.</param>
    /// <param name="appellants">The branches that appeal once publicity opens.</param>
    /// <param name="crossCheck">The campaign's cross-check policy (every branch sampled, in these tests).</param>
    /// <returns>The campaign's path.</returns>
    public static async Task<string> RunToAsync(
        HttpClient http, string api, string name, string stage, IReadOnlyList<string> branches, IReadOnlyList<string> appellants,
        bool selfAssessInStage, object crossCheck)
    {
        var created = await (await http.PostAsJsonAsync($"{api}/campaigns", new
        {
            name, kind = "annualStarRating", scope = new[] { "430000" }, crossCheck,
        })).JsonAsync();
        var campaign = $"{api}/campaigns/{created.GetProperty("id").GetString()}";
        foreach (var next in Stages.TakeWhile(_ => stage != "draft"))
        {
            await SendAsync(http, HttpMethod.Post, $"{campaign}/advance", null, new { to = next });
            if (next == stage && !(next == "publicity" || (next == "selfAssessment" && selfAssessInStage)))
            {
                break;
            }

            foreach (var branch in next == "publicity" ? appellants : branches)
            {
                var path = $"{campaign}/branches/{branch}";
                var etag = (await http.GetAsync(path)).Headers.ETag?.Tag;
                var (method, command, body) = next switch
                {
                    "selfAssessment" => (HttpMethod.Put, "self-assessment", (object)new { scores = Scores.AtShare(0.9m) }),
                    "review" => (HttpMethod.Put, "review", new { }),
                    "crossCheck" => (HttpMethod.Put, "cross-check", new { }),
                    _ => (HttpMethod.Post, "appeal", new { indicators = new[] { "2.1" }, reason = "党课记录已补交" }),
                };
                await SendAsync(http, method, $"{path}/{command}", etag, body);
            }

            if (next == stage)
            {
                break;
            }
        }

        return campaign;
    }

    /// <summary>Sends a JSON command with <paramref name="ifMatch"/> as If-Match when given, and reads its answer.</summary>
    public static async Task SendAsync(HttpClient http, HttpMethod method, string path, string? ifMatch, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        }

        await (await http.SendAsync(request)).JsonAsync();
    }
}
