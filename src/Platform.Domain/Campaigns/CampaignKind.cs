namespace Platform.Domain.Campaigns;

/// <summary>What a campaign is for. Branches are still scored by the campaign's framework version whatever its kind.</summary>
public enum CampaignKind
{
    /// <summary>五化星级评定: the yearly star rating of every branch.</summary>
    AnnualStarRating = 0,

    /// <summary>评议评比: a city-wide appraisal.</summary>
    CityAppraisal = 1,

    /// <summary>示范点评选: choosing demonstration sites.</summary>
    DemonstrationSelection = 2,

    /// <summary>党建+案例评选: a contest of "Party building +" cases.</summary>
    CaseContest = 3,

    /// <summary>述职评议: secretaries report on their Party-building work and are appraised.</summary>
    ReportAndAppraisal = 4,
}

public static class CampaignKinds
{
    public static IReadOnlyList<string> ApiNames { get; } = Enum.GetValues<CampaignKind>().Select(k => k.ToApiName()).ToArray();

    public static string ToApiName(this CampaignKind kind) => kind switch
    {
        CampaignKind.AnnualStarRating => "annualStarRating",
        CampaignKind.CityAppraisal => "cityAppraisal",
        CampaignKind.DemonstrationSelection => "demonstrationSelection",
        CampaignKind.CaseContest => "caseContest",
        CampaignKind.ReportAndAppraisal => "reportAndAppraisal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToChinese(this CampaignKind kind) => kind switch
    {
        CampaignKind.AnnualStarRating => "五化星级评定",
        CampaignKind.CityAppraisal => "评议评比",
        CampaignKind.DemonstrationSelection => "示范点评选",
        CampaignKind.CaseContest => "党建+案例评选",
        CampaignKind.ReportAndAppraisal => "述职评议",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads the API name (<c>caseContest</c>) or the Chinese one (党建+案例评选).</summary>
    public static bool TryParse(string? text, out CampaignKind kind) => EnumSpellings.TryParse(text, out kind, ToApiName, ToChinese);
}
