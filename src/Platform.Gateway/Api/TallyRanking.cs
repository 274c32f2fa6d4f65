using Platform.Domain.Campaigns;

namespace Platform.Gateway.Api;

/// <summary>Orders a region's children by a campaign measure, best first; children without a value come last, then by code.</summary>
public static class TallyRanking
{
    public enum Measure
    {
        AverageScore,
        TopRatingShare,
        ComplianceRate,
        Completion,

        /// <summary>How far the region's own review exceeded the cross-check: the most generous first.</summary>
        Generosity,
    }

    public static IReadOnlyList<string> Names { get; } = ["averageScore", "topRatingShare", "complianceRate", "completion", "generosity"];

    public static bool TryParse(string? text, out Measure measure)
    {
        var at = Names.ToList().FindIndex(n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        measure = at < 0 ? default : (Measure)at;
        return at >= 0;
    }

    public static string Name(Measure measure) => Names[(int)measure];

    public static IEnumerable<TallyChild> Rank(IEnumerable<TallyChild> children, Measure by) => children
        .OrderBy(c => Value(c.Tally, by) is null)
        .ThenByDescending(c => Value(c.Tally, by))
        .ThenBy(c => c.Code, StringComparer.Ordinal);

    private static decimal? Value(CampaignTally t, Measure by) => by switch
    {
        Measure.AverageScore => t.AverageScore,
        Measure.TopRatingShare => t.TopRatingShare,
        Measure.ComplianceRate => t.ComplianceRate,
        Measure.Completion => t.CompletionRate,
        Measure.Generosity => t.Generosity,
        _ => null,
    };
}
