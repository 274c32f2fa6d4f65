using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;

namespace Platform.Grains.Telemetry;

/// <summary>
/// The platform's own meter, <c>Platform</c>: what the platform does for its users, beside the runtime's, ASP.NET Core's
/// and Orleans' meters. Tagged by tenant (tenants are tens, created by the operator) and by small fixed sets (the kind of
/// submission, the campaign stage, the import outcome, the region level); never by a node code, whose values run to
/// hundreds of thousands.
/// </summary>
/// <remarks>One instance per service provider, from its <see cref="IMeterFactory"/>; the silo's grains and the gateway's
/// importer record on the same meter name, so a scrape of either process shows what that process recorded.</remarks>
public sealed class PlatformMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "Platform";

    /// <summary>The propagation lag's buckets, in seconds: a report interval is 100 ms in production (20 ms in tests),
    /// and a hop waits at most one interval, so most lags sit well under a second; the tail shows retries.</summary>
    private static readonly IReadOnlyList<double> LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _submissions;
    private readonly Histogram<double> _propagationLag;
    private readonly Counter<long> _stageTransitions;
    private readonly Counter<long> _importRows;

    public PlatformMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);

        _submissions = meter.CreateCounter<long>(
            "platform.assessment.submissions",
            unit: "{submission}",
            description: "Assessment submissions accepted (提交): a branch's standing assessment (baseline), a campaign self-assessment (自评) or a review (审核). Refused ones are not counted.");

        _propagationLag = meter.CreateHistogram(
            "platform.rollup.propagation.lag",
            unit: "s",
            description: "Seconds from a change in the hierarchy (mostly a branch's assessment) until a region above applies the report that carries it, measured at each region (level: county, city, province). A report carries the time of the oldest change it holds, so the value is the lag of the oldest change; clocks of different silos are assumed to agree.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });

        _stageTransitions = meter.CreateCounter<long>(
            "platform.campaign.stage.transitions",
            unit: "{transition}",
            description: "Campaigns entering a stage (阶段): draft when created, then self-assessment, review, cross-check, publicity and final, by an administrator or a deadline.");

        _importRows = meter.CreateCounter<long>(
            "platform.import.rows",
            unit: "{row}",
            description: "Rows of hierarchy imports (导入), by outcome: created, updated, unchanged or rejected.");
    }

    /// <summary>A baseline assessment (<c>PUT orgs/{code}/assessment</c>) or a campaign self-assessment or review accepted.</summary>
    public void SubmissionAccepted(string tenant, AssessmentSubmission kind) =>
        _submissions.Add(1, new TagList { { "tenant", tenant }, { "kind", KindName(kind) } });

    /// <summary>A region applied a child's report carrying a change first made at <paramref name="changedAt"/>.</summary>
    public void ReportApplied(string tenant, NodeKind region, DateTimeOffset changedAt, DateTimeOffset appliedAt)
    {
        // A clock of another silo a little ahead would give a negative lag: none is closer to the truth than zero.
        var seconds = Math.Max(0, (appliedAt - changedAt).TotalSeconds);
        _propagationLag.Record(seconds, new TagList { { "tenant", tenant }, { "level", region.ToApiName() } });
    }

    public void StageEntered(string tenant, CampaignStage stage) =>
        _stageTransitions.Add(1, new TagList { { "tenant", tenant }, { "stage", stage.ToApiName() } });

    public void ImportRows(string tenant, int created, int updated, int unchanged, int rejected)
    {
        AddRows(tenant, "created", created);
        AddRows(tenant, "updated", updated);
        AddRows(tenant, "unchanged", unchanged);
        AddRows(tenant, "rejected", rejected);
    }

    private void AddRows(string tenant, string outcome, int rows)
    {
        // Added even when zero: a series that exists from the first import shows a rate of 0, not a gap.
        _importRows.Add(rows, new TagList { { "tenant", tenant }, { "outcome", outcome } });
    }

    private static string KindName(AssessmentSubmission kind) => kind switch
    {
        AssessmentSubmission.Baseline => "baseline",
        AssessmentSubmission.SelfAssessment => "selfAssessment",
        AssessmentSubmission.Review => "review",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
