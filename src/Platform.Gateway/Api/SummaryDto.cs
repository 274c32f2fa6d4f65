using Platform.Contracts.Hierarchy;
using Platform.Domain.Framework;
using Platform.Domain.Rollups;

namespace Platform.Gateway.Api;

/// <summary>
/// A rollup as the API shows it. The names are a contract: the console, exports and outside checks read them.
/// Counts and sums are exact; averages and rates are derived from them.
/// </summary>
public sealed record SummaryDto(
    int Organisations,
    int PartyCommittees,
    int GeneralBranches,
    int Branches,
    int JointBranches,
    int RatedUnits,
    int Assessed,
    decimal? AssessedRate,
    int Compliant,
    decimal? ComplianceRate,
    int Vetoed,
    IReadOnlyDictionary<string, int> Ratings,
    decimal? TopRatingShare,
    decimal ScoreSum,
    decimal? AverageScore,
    IReadOnlyDictionary<string, decimal?> Dimensions,
    IReadOnlyDictionary<string, decimal> DimensionSums,
    int Schools,
    int PublicSchools,
    int PrivateSchools,
    int CoveredSchools,
    int CoveredPrivateSchools,
    int GapSchools,
    decimal? CoverageRate,
    int Members,
    int ProbationaryMembers,
    long? Version,
    DateTimeOffset? UpdatedAt)
{
    public static SummaryDto From(Summary s, long? version = null, DateTimeOffset? updatedAt = null) => new(
        s.Organisations, s.PartyCommittees, s.GeneralBranches, s.Branches, s.JointBranches, s.RatedUnits,
        s.Assessed, s.AssessedRate, s.Compliant, s.ComplianceRate, s.Vetoed,
        RatingLevels.All.ToDictionary(l => l.ToApiName(), l => s.Ratings[l]),
        s.TopRatingShare, s.ScoreSum, s.AverageScore,
        Domain.Framework.Dimensions.All.ToDictionary(d => d.ToApiName(), s.AverageOf),
        Domain.Framework.Dimensions.All.ToDictionary(d => d.ToApiName(), d => s.DimensionSums[d]),
        s.Schools, s.PublicSchools, s.PrivateSchools, s.CoveredSchools, s.CoveredPrivateSchools, s.GapSchools, s.CoverageRate,
        s.Members, s.ProbationaryMembers, version, updatedAt);

    public static SummaryDto From(SummaryView view) => From(view.Summary, view.Version, view.UpdatedAt);
}
