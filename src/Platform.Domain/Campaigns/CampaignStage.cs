namespace Platform.Domain.Campaigns;

/// <summary>Where a campaign (评议评比) stands. The stages run in this order; <see cref="CampaignStages.Next"/> names the one after.</summary>
public enum CampaignStage
{
    /// <summary>草稿: being set up; nothing is visible to branches yet.</summary>
    Draft = 0,

    /// <summary>自评: branches score themselves.</summary>
    SelfAssessment = 1,

    /// <summary>审核: the level above checks the self-assessments.</summary>
    Review = 2,

    /// <summary>交叉检查: reviewers from other cities re-check a sample of branches.</summary>
    CrossCheck = 3,

    /// <summary>公示: the proposed ratings are published for objections.</summary>
    Publicity = 4,

    /// <summary>认定: the ratings are confirmed and no longer change.</summary>
    Final = 5,
}

public static class CampaignStages
{
    public static IReadOnlyList<string> ApiNames { get; } = Enum.GetValues<CampaignStage>().Select(s => s.ToApiName()).ToArray();

    /// <summary>The stage after <paramref name="stage"/>, or null once the ratings are final.</summary>
    public static CampaignStage? Next(this CampaignStage stage) => stage == CampaignStage.Final ? null : stage + 1;

    /// <summary>Stages in which someone owes work by a date. A draft has nobody to chase and a final campaign nothing left to do.</summary>
    public static bool HasDeadline(this CampaignStage stage) =>
        stage is CampaignStage.SelfAssessment or CampaignStage.Review or CampaignStage.CrossCheck or CampaignStage.Publicity;

    public static string ToApiName(this CampaignStage stage) => stage switch
    {
        CampaignStage.Draft => "draft",
        CampaignStage.SelfAssessment => "selfAssessment",
        CampaignStage.Review => "review",
        CampaignStage.CrossCheck => "crossCheck",
        CampaignStage.Publicity => "publicity",
        CampaignStage.Final => "final",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    public static string ToChinese(this CampaignStage stage) => stage switch
    {
        CampaignStage.Draft => "草稿",
        CampaignStage.SelfAssessment => "自评",
        CampaignStage.Review => "审核",
        CampaignStage.CrossCheck => "交叉检查",
        CampaignStage.Publicity => "公示",
        CampaignStage.Final => "认定",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>Reads the API name (<c>crossCheck</c>) or the Chinese one (交叉检查).</summary>
    public static bool TryParse(string? text, out CampaignStage stage) => EnumSpellings.TryParse(text, out stage, ToApiName, ToChinese);
}
