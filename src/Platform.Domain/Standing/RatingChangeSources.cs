namespace Platform.Domain.Standing;

/// <summary>The API spellings of <see cref="RatingChangeSource"/>.</summary>
public static class RatingChangeSources
{
    public static string ToApiName(this RatingChangeSource source) => source switch
    {
        RatingChangeSource.Baseline => "baseline",
        RatingChangeSource.CampaignFinal => "campaignFinal",
        RatingChangeSource.Veto => "veto",
        RatingChangeSource.Correction => "correction",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
