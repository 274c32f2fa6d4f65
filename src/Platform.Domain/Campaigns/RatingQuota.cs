using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>A quota (名额) on one level: at most <see cref="MaxShare"/> of the rated branches of a quota region, rounded down, may
/// hold <see cref="Level"/>. Rounding down keeps the quota a ceiling: 30% of 5 branches allows 1, not 2.</summary>
[GenerateSerializer, Immutable, Alias("RatingQuota")]
public sealed record RatingQuota([property: Id(0)] RatingLevel Level, [property: Id(1)] decimal MaxShare)
{
    /// <summary>How many of <paramref name="ratedBranches"/> may hold the level.</summary>
    public int Seats(int ratedBranches) => (int)decimal.Floor(Math.Clamp(MaxShare, 0m, 1m) * Math.Max(ratedBranches, 0));
}
