namespace Platform.Domain.Standing;

/// <summary>The paths by which a branch's standing rating (现行评定) may change.</summary>
public enum RatingChangeSource
{
    /// <summary>An assessment recorded before any campaign has rated the branch (基础评定): last year's rating carried in,
    /// or a rating the province keeps outside campaigns.</summary>
    Baseline,

    /// <summary>A campaign's final (认定), quotas applied.</summary>
    CampaignFinal,

    /// <summary>A veto event during the year (一票否决): the rating drops at once to the veto's cap.</summary>
    Veto,

    /// <summary>A tenant admin's correction (更正) with a reason.</summary>
    Correction,
}
