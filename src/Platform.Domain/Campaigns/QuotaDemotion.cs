using System.Globalization;
using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>One step down forced by a quota (名额): the branch ranked <see cref="Rank"/> among the holders of
/// <see cref="From"/> in its quota region, which has <see cref="Seats"/> seats at that level, so it drops to <see cref="To"/>.</summary>
/// <param name="QuotaRegion">The region whose seats it competed for; <see cref="CampaignRoster.ScopeRoot"/> for the whole scope.</param>
[GenerateSerializer, Immutable, Alias("QuotaDemotion")]
public sealed record QuotaDemotion(
    [property: Id(0)] RatingLevel From,
    [property: Id(1)] RatingLevel To,
    [property: Id(2)] string QuotaRegion,
    [property: Id(3)] int Rank,
    [property: Id(4)] int Seats)
{
    /// <summary>The audit line's reason, e.g. "quota (名额): rank 35 of 34 五星 seats in 430800; 五星 → 四星".</summary>
    public string Describe()
    {
        var region = QuotaRegion == CampaignRoster.ScopeRoot ? "the campaign's scope" : QuotaRegion;
        return string.Create(CultureInfo.InvariantCulture,
            $"quota (名额): rank {Rank} of {Seats} {From.ToChinese()} seats in {region}; {From.ToChinese()} → {To.ToChinese()}");
    }
}
