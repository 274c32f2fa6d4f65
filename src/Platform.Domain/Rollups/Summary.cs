using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;

namespace Platform.Domain.Rollups;

/// <summary>
/// The rollup of a subtree (汇总): counts and sums only, so that adding a child's summary and subtracting its previous
/// one is exact, and any node's summary equals a recomputation over its leaves. Averages and rates are derived on read.
/// </summary>
[GenerateSerializer, Immutable, Alias("Summary")]
public sealed record Summary
{
    public static Summary Zero { get; } = new();

    /// <summary>Party organisations of any kind.</summary>
    [Id(0)] public int Organisations { get; init; }

    /// <summary>党委</summary>
    [Id(1)] public int PartyCommittees { get; init; }

    /// <summary>党总支</summary>
    [Id(2)] public int GeneralBranches { get; init; }

    /// <summary>党支部</summary>
    [Id(3)] public int Branches { get; init; }

    /// <summary>联合党支部</summary>
    [Id(4)] public int JointBranches { get; init; }

    /// <summary>Rated units (branches and joint branches) that hold an assessment.</summary>
    [Id(5)] public int Assessed { get; init; }

    /// <summary>达标: at least the pass level and no veto.</summary>
    [Id(6)] public int Compliant { get; init; }

    /// <summary>Assessed units with a veto item (一票否决).</summary>
    [Id(7)] public int Vetoed { get; init; }

    [Id(8)] public RatingCounts Ratings { get; init; }

    /// <summary>Sum of the assessed units' totals.</summary>
    [Id(9)] public decimal ScoreSum { get; init; }

    /// <summary>Sum of the assessed units' dimension scores.</summary>
    [Id(10)] public DimensionTotals DimensionSums { get; init; }

    [Id(11)] public int Schools { get; init; }

    /// <summary>民办 schools.</summary>
    [Id(12)] public int PrivateSchools { get; init; }

    /// <summary>Schools with a Party organisation, or covered by a joint branch.</summary>
    [Id(13)] public int CoveredSchools { get; init; }

    [Id(14)] public int CoveredPrivateSchools { get; init; }

    /// <summary>正式党员</summary>
    [Id(15)] public int Members { get; init; }

    /// <summary>预备党员</summary>
    [Id(16)] public int ProbationaryMembers { get; init; }

    /// <summary>Rated units (党支部 and 联合党支部), assessed or not.</summary>
    public int RatedUnits => Branches + JointBranches;

    public int PublicSchools => Schools - PrivateSchools;

    /// <summary>空白点: schools with no Party organisation covering them.</summary>
    public int GapSchools => Schools - CoveredSchools;

    public decimal? AverageScore => Average(ScoreSum);

    public decimal? AverageOf(Dimension dimension) => Average(DimensionSums[dimension]);

    public decimal? ComplianceRate => Rate(Compliant, Assessed);

    public decimal? CoverageRate => Rate(CoveredSchools, Schools);

    /// <summary>Share of assessed units at the top level (5★ or 样板).</summary>
    public decimal? TopRatingShare => Rate(Ratings.Top, Assessed);

    public decimal? AssessedRate => Rate(Assessed, RatedUnits);

    public static Summary operator +(Summary a, Summary b) => new()
    {
        Organisations = a.Organisations + b.Organisations,
        PartyCommittees = a.PartyCommittees + b.PartyCommittees,
        GeneralBranches = a.GeneralBranches + b.GeneralBranches,
        Branches = a.Branches + b.Branches,
        JointBranches = a.JointBranches + b.JointBranches,
        Assessed = a.Assessed + b.Assessed,
        Compliant = a.Compliant + b.Compliant,
        Vetoed = a.Vetoed + b.Vetoed,
        Ratings = a.Ratings + b.Ratings,
        ScoreSum = a.ScoreSum + b.ScoreSum,
        DimensionSums = a.DimensionSums + b.DimensionSums,
        Schools = a.Schools + b.Schools,
        PrivateSchools = a.PrivateSchools + b.PrivateSchools,
        CoveredSchools = a.CoveredSchools + b.CoveredSchools,
        CoveredPrivateSchools = a.CoveredPrivateSchools + b.CoveredPrivateSchools,
        Members = a.Members + b.Members,
        ProbationaryMembers = a.ProbationaryMembers + b.ProbationaryMembers,
    };

    public static Summary operator -(Summary a, Summary b) => new()
    {
        Organisations = a.Organisations - b.Organisations,
        PartyCommittees = a.PartyCommittees - b.PartyCommittees,
        GeneralBranches = a.GeneralBranches - b.GeneralBranches,
        Branches = a.Branches - b.Branches,
        JointBranches = a.JointBranches - b.JointBranches,
        Assessed = a.Assessed - b.Assessed,
        Compliant = a.Compliant - b.Compliant,
        Vetoed = a.Vetoed - b.Vetoed,
        Ratings = a.Ratings - b.Ratings,
        ScoreSum = a.ScoreSum - b.ScoreSum,
        DimensionSums = a.DimensionSums - b.DimensionSums,
        Schools = a.Schools - b.Schools,
        PrivateSchools = a.PrivateSchools - b.PrivateSchools,
        CoveredSchools = a.CoveredSchools - b.CoveredSchools,
        CoveredPrivateSchools = a.CoveredPrivateSchools - b.CoveredPrivateSchools,
        Members = a.Members - b.Members,
        ProbationaryMembers = a.ProbationaryMembers - b.ProbationaryMembers,
    };

    /// <summary>What a Party organisation contributes by itself: one organisation of its kind, its members and, for a
    /// rated unit, its assessment.</summary>
    public static Summary ForOrganisation(NodeKind kind, int members, int probationaryMembers, Assessment? assessment)
    {
        var own = new Summary
        {
            Organisations = 1,
            PartyCommittees = kind == NodeKind.PartyCommittee ? 1 : 0,
            GeneralBranches = kind == NodeKind.GeneralBranch ? 1 : 0,
            Branches = kind == NodeKind.Branch ? 1 : 0,
            JointBranches = kind == NodeKind.JointBranch ? 1 : 0,
            Members = members,
            ProbationaryMembers = probationaryMembers,
        };

        return assessment is null || !kind.IsRated() ? own : own with
        {
            Assessed = 1,
            Compliant = assessment.Compliant ? 1 : 0,
            Vetoed = assessment.Input.Vetoes.Count > 0 ? 1 : 0,
            Ratings = RatingCounts.One(assessment.Rating),
            ScoreSum = assessment.Total,
            DimensionSums = assessment.Dimensions,
        };
    }

    /// <summary>What a school contributes by itself: one school, covered when an organisation sits in it or a joint
    /// branch covers it.</summary>
    public static Summary ForSchool(SchoolProfile profile, bool covered) => new()
    {
        Schools = 1,
        PrivateSchools = profile.IsPrivate ? 1 : 0,
        CoveredSchools = covered ? 1 : 0,
        CoveredPrivateSchools = covered && profile.IsPrivate ? 1 : 0,
    };

    private decimal? Average(decimal sum) => Assessed == 0 ? null : decimal.Round(sum / Assessed, 2, MidpointRounding.AwayFromZero);

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : decimal.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
