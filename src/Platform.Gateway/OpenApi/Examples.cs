using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Gateway.OpenApi;

/// <summary>An example body for the main commands, as a client would send it over the demo province (湖南省).</summary>
internal static class Examples
{
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["AuthSignIn"] = """{"tenant": "demo", "username": "admin", "password": "the password from initial-credentials.json"}""",
        ["AuthRefresh"] = """{"refreshToken": "the refreshToken of the last sign-in or refresh"}""",
        ["AuthChangePassword"] = """{"currentPassword": "Kq3-one-time", "newPassword": "a long one of your own, 12+ characters"}""",
        ["TenantUpsert"] = """{"name": "湖南省", "ratingScheme": "stars", "minimumPublicityDays": 5, "adminUsername": "admin"}""",
        ["NodeMove"] = """{"parentCode": "430102"}""",
        ["AccountCreate"] = """{"username": "changsha-admin", "displayName": "长沙市教育工委", "role": "regionAdmin", "scopeCode": "430100"}""",
        ["AssessmentPut"] = """{"scores": {"1.1": 8, "2.1": 9.5}, "counts": {"3.1": {"held": 12, "required": 12}}, "facts": {"4.2": true}, "vetoes": []}""",
        ["AssessmentPostVeto"] = """{"vetoId": "V1", "reason": "支部书记受党纪处分（2026年3月）"}""",
        ["CampaignCreate"] = """
            {"name": "2026年度五化星级评定", "kind": "annualStarRating", "scope": ["430100", "430200"],
             "deadlines": {"selfAssessment": "2026-12-15T00:00:00+08:00"},
             "crossCheck": {"sampleRate": 0.1, "minimumPerCity": 1, "cascadeOnFailure": true},
             "quotas": {"regionLevel": "city", "maxShares": {"star5": 0.3}}, "seed": "20261124"}
            """,
        ["CampaignAdvance"] = """{"to": "selfAssessment"}""",
        ["CampaignPutSelfAssessment"] = """{"scores": {"1.1": 8, "2.1": 9}, "evidence": {"2.1": "支委会记录12份"}}""",
        ["CampaignPutReview"] = """{"scores": {"2.1": 2}, "reasons": {"2.1": "党课记录不全"}}""",
        ["CampaignPostAppeal"] = """{"indicators": ["2.1"], "reason": "党课记录已补齐，见附件"}""",
        ["CampaignPutAppealDecision"] = """{"upheld": true, "reason": "记录属实", "scores": {"2.1": 8}, "reasons": {"2.1": "申诉成立"}}""",
    };

    public static Task Add(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is { } id && Bodies.TryGetValue(id, out var body)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType json)
        {
            json.Example = JsonNode.Parse(body);
        }

        return Task.CompletedTask;
    }
}
