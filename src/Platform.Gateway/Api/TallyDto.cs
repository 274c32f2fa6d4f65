using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Gateway.Campaigns;

namespace Platform.Gateway.Api;

/// <summary>A campaign's progress and results over a region, school or branch: exact counts, and rates derived from them.</summary>
public sealed record TallyMetricsDto(
    int InScope, int Submitted, int Reviewed, int Sampled, int CrossChecked, int FailedCrossCheck, int Returned,
    int Appealed, int AppealsOpen, int Finalised, int Rated, int Compliant,
    IReadOnlyDictionary<string, int> Ratings, decimal ScoreSum, decimal? AverageScore, decimal? ComplianceRate,
    decimal? TopRatingShare, decimal? CompletionRate, decimal? ReviewRate, decimal? Generosity)
{
    public static TallyMetricsDto From(CampaignTally t) => new(
        t.InScope, t.Submitted, t.Reviewed, t.Sampled, t.CrossChecked, t.FailedCrossCheck, t.Returned,
        t.Appealed, t.AppealsOpen, t.Finalised, t.Rated, t.Compliant,
        RatingLevels.All.Where(l => t.Ratings[l] > 0).ToDictionary(l => l.ToApiName(), l => t.Ratings[l]),
        t.ScoreSum, t.AverageScore, t.ComplianceRate, t.TopRatingShare, t.CompletionRate, t.ReviewRate, t.Generosity);
}

/// <param name="Rank">1 for the first by the requested measure.</param>
public sealed record TallyChildDto(int Rank, string Code, string Name, bool IsBranch, TallyMetricsDto Metrics);

/// <param name="Code">The region or school; null for the whole campaign.</param>
/// <param name="ParentCode">The unit above; null for a region named in the scope and for the whole campaign.</param>
public sealed record ProgressDto(string? Code, string Name, string? Kind, string? ParentCode, long Version, TallyMetricsDto Total,
    string RankedBy, IReadOnlyList<TallyChildDto> Children)
{
    public static ProgressDto From(TallyView view, TallyRanking.Measure by) => new(
        ScopeRootCode.Hide(view.Node.Code), view.Node.Name, view.Node.Kind?.ToApiName(), ScopeRootCode.Hide(view.Node.ParentCode), view.Version,
        TallyMetricsDto.From(view.Total), TallyRanking.Name(by),
        TallyRanking.Rank(view.Children, by).Select((c, i) => new TallyChildDto(i + 1, c.Code, c.Name, c.IsBranch, TallyMetricsDto.From(c.Tally))).ToArray());
}
