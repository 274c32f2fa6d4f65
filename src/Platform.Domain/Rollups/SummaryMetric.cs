using Platform.Domain.Framework;

namespace Platform.Domain.Rollups;

/// <summary>What a list of children can be ranked by (排名).</summary>
public static class SummaryMetric
{
    private static readonly Dictionary<string, Func<Summary, decimal?>> Metrics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["organisations"] = s => s.Organisations,
        ["assessed"] = s => s.Assessed,
        ["assessedRate"] = s => s.AssessedRate,
        ["compliant"] = s => s.Compliant,
        ["complianceRate"] = s => s.ComplianceRate,
        ["averageScore"] = s => s.AverageScore,
        ["scoreSum"] = s => s.ScoreSum,
        ["topRatingShare"] = s => s.TopRatingShare,
        ["vetoed"] = s => s.Vetoed,
        ["schools"] = s => s.Schools,
        ["coveredSchools"] = s => s.CoveredSchools,
        ["gapSchools"] = s => s.GapSchools,
        ["coverageRate"] = s => s.CoverageRate,
        ["members"] = s => s.Members,
        ["probationaryMembers"] = s => s.ProbationaryMembers,
    };

    static SummaryMetric()
    {
        foreach (var dimension in Dimensions.All)
        {
            Metrics[$"dimensions.{dimension.ToApiName()}"] = s => s.AverageOf(dimension);
        }

        foreach (var level in RatingLevels.All)
        {
            Metrics[$"ratings.{level.ToApiName()}"] = s => s.Ratings[level];
        }
    }

    /// <summary>Every metric name, for the API's documentation and error messages.</summary>
    public static IReadOnlyCollection<string> Names => Metrics.Keys;

    public static Func<Summary, decimal?>? Find(string name) => Metrics.GetValueOrDefault(name);
}
