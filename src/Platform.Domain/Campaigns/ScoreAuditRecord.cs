using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>One change to one score (留痕): who, when, in which stage, the indicator (or "vetoes"), old and new points, why.
/// A change of rating that no score explains, a quota (名额) demotion at final, is a line on <see cref="RatingKey"/> with the
/// ratings before and after; a branch sent back for re-assessment is a line on <see cref="ReturnedKey"/>.</summary>
/// <param name="Old">Points before; null when the indicator had none (a first self-assessment).</param>
/// <param name="New">Points after; null when the change removed them.</param>
[GenerateSerializer, Immutable, Alias("ScoreAuditRecord")]
public sealed record ScoreAuditRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] CampaignStage Stage,
    [property: Id(3)] string Indicator,
    [property: Id(4)] decimal? Old,
    [property: Id(5)] decimal? New,
    [property: Id(6)] string Reason,
    [property: Id(7)] RatingLevel? OldRating = null,
    [property: Id(8)] RatingLevel? NewRating = null)
{
    public const string RatingKey = "rating";

    public const string ReturnedKey = "returned";
}
