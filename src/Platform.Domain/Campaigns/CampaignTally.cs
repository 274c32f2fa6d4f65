using Platform.Domain.Framework;
using Platform.Domain.Rollups;

namespace Platform.Domain.Campaigns;

/// <summary>
/// A campaign's progress and results over a subtree (进度与结果汇总): counts and sums only, so a parent adds a child's new
/// tally and subtracts its old one exactly, as with <see cref="Summary"/>. A branch contributes a one-hot tally of where
/// it stands; rates and averages are derived on read.
/// </summary>
[GenerateSerializer, Immutable, Alias("CampaignTally")]
public sealed record CampaignTally
{
    public static CampaignTally Zero { get; } = new();

    /// <summary>What a branch in scope contributes before it has done anything.</summary>
    public static CampaignTally Pending { get; } = new() { InScope = 1 };

    /// <summary>Branches taking part (参评).</summary>
    [Id(0)] public int InScope { get; init; }

    /// <summary>Branches whose self-assessment stands (已自评): a branch sent back for re-assessment counts again once it
    /// has submitted a new one.</summary>
    [Id(1)] public int Submitted { get; init; }

    /// <summary>Branches whose standing self-assessment the supervising region has reviewed (已审核).</summary>
    [Id(2)] public int Reviewed { get; init; }

    /// <summary>Branches drawn for the cross-region check (抽中).</summary>
    [Id(3)] public int Sampled { get; init; }

    /// <summary>Sampled branches re-scored by another city (已交叉检查).</summary>
    [Id(4)] public int CrossChecked { get; init; }

    /// <summary>Cross-checked branches that fell short of 达标 although the review had passed them.</summary>
    [Id(5)] public int FailedCrossCheck { get; init; }

    /// <summary>Branches sent back for re-assessment because a sampled branch of their school failed, not yet re-reviewed.</summary>
    [Id(6)] public int Returned { get; init; }

    /// <summary>Branches that raised an appeal (申诉).</summary>
    [Id(7)] public int Appealed { get; init; }

    /// <summary>Appeals not yet decided; the campaign cannot become final while any is open.</summary>
    [Id(8)] public int AppealsOpen { get; init; }

    /// <summary>Branches whose result is official (已认定).</summary>
    [Id(9)] public int Finalised { get; init; }

    /// <summary>Branches holding a result so far: the latest of self-assessment, review, cross-check or appeal.</summary>
    [Id(10)] public int Rated { get; init; }

    [Id(11)] public int Compliant { get; init; }

    [Id(12)] public RatingCounts Ratings { get; init; }

    [Id(13)] public decimal ScoreSum { get; init; }

    [Id(14)] public DimensionTotals DimensionSums { get; init; }

    /// <summary>Σ (review total − cross-check total) over cross-checked branches: positive where a region marks generously.</summary>
    [Id(15)] public decimal GenerositySum { get; init; }

    public decimal? CompletionRate => Rate(Submitted, InScope);

    public decimal? ReviewRate => Rate(Reviewed, Submitted);

    public decimal? AverageScore => Rated == 0 ? null : Round(ScoreSum / Rated);

    public decimal? ComplianceRate => Rate(Compliant, Rated);

    /// <summary>Share of rated branches at the top level (5★ or 样板).</summary>
    public decimal? TopRatingShare => Rate(Ratings.Top, Rated);

    /// <summary>Average points by which the region's own review exceeded the cross-check (交叉检查偏差).</summary>
    public decimal? Generosity => CrossChecked == 0 ? null : Round(GenerositySum / CrossChecked);

    /// <summary>Branches still owing something in the stage named: 催办 counts. A branch sent back owes a self-assessment
    /// first, then the review of it.</summary>
    public int NotSubmitted => InScope - Submitted;

    public int NotReviewed => Submitted - Reviewed;

    public static CampaignTally operator +(CampaignTally a, CampaignTally b) => new()
    {
        InScope = a.InScope + b.InScope,
        Submitted = a.Submitted + b.Submitted,
        Reviewed = a.Reviewed + b.Reviewed,
        Sampled = a.Sampled + b.Sampled,
        CrossChecked = a.CrossChecked + b.CrossChecked,
        FailedCrossCheck = a.FailedCrossCheck + b.FailedCrossCheck,
        Returned = a.Returned + b.Returned,
        Appealed = a.Appealed + b.Appealed,
        AppealsOpen = a.AppealsOpen + b.AppealsOpen,
        Finalised = a.Finalised + b.Finalised,
        Rated = a.Rated + b.Rated,
        Compliant = a.Compliant + b.Compliant,
        Ratings = a.Ratings + b.Ratings,
        ScoreSum = a.ScoreSum + b.ScoreSum,
        DimensionSums = a.DimensionSums + b.DimensionSums,
        GenerositySum = a.GenerositySum + b.GenerositySum,
    };

    public static CampaignTally operator -(CampaignTally a, CampaignTally b) => new()
    {
        InScope = a.InScope - b.InScope,
        Submitted = a.Submitted - b.Submitted,
        Reviewed = a.Reviewed - b.Reviewed,
        Sampled = a.Sampled - b.Sampled,
        CrossChecked = a.CrossChecked - b.CrossChecked,
        FailedCrossCheck = a.FailedCrossCheck - b.FailedCrossCheck,
        Returned = a.Returned - b.Returned,
        Appealed = a.Appealed - b.Appealed,
        AppealsOpen = a.AppealsOpen - b.AppealsOpen,
        Finalised = a.Finalised - b.Finalised,
        Rated = a.Rated - b.Rated,
        Compliant = a.Compliant - b.Compliant,
        Ratings = a.Ratings - b.Ratings,
        ScoreSum = a.ScoreSum - b.ScoreSum,
        DimensionSums = a.DimensionSums - b.DimensionSums,
        GenerositySum = a.GenerositySum - b.GenerositySum,
    };

    /// <summary>The result part of a branch's tally: its current score, rating and 达标.</summary>
    public static CampaignTally ForResult(decimal total, DimensionTotals dimensions, RatingLevel rating, bool compliant) => new()
    {
        Rated = 1,
        Compliant = compliant ? 1 : 0,
        Ratings = RatingCounts.One(rating),
        ScoreSum = total,
        DimensionSums = dimensions,
    };

    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : decimal.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
