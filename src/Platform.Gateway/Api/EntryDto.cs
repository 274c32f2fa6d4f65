using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Api;

/// <summary>One branch's part in a campaign; its revision is the ETag every change must quote in If-Match.</summary>
/// <param name="SelfAssessment">The latest self-assessment.</param>
/// <param name="Review">The latest review.</param>
/// <param name="Returned">Sent back for re-assessment and not yet reviewed again.</param>
/// <param name="AwaitingReassessment">Sent back and not yet self-assessed again: it owes a self-assessment, then a review.</param>
/// <param name="Result">The score that stands: the appeal decision, else the cross-check, else the latest review, else the
/// self-assessment.</param>
/// <param name="Submissions">Every self-assessment and review, oldest first: nothing is replaced without a trace.</param>
/// <param name="Changes">The score changes this command made (old and new points, as in the audit); null on reads.</param>
public sealed record EntryDto(
    string CampaignId,
    RosterBranchDto Branch,
    int Revision,
    SubmissionDto? SelfAssessment,
    IReadOnlyDictionary<string, string> Evidence,
    SubmissionDto? Review,
    CrossCheckDto? CrossCheck,
    bool Returned,
    bool AwaitingReassessment,
    AppealDto? Appeal,
    SubmissionDto? Result,
    FinalResultDto? Final,
    IReadOnlyList<SubmissionDto> Submissions,
    IReadOnlyList<AuditDto>? Changes = null)
{
    public static EntryDto From(EntryView v) => new(
        v.CampaignId, RosterBranchDto.From(v.Branch), v.Revision, SubmissionDto.From(v.SelfAssessment), v.Evidence,
        SubmissionDto.From(v.Review),
        v.CrossCheck is { } c ? new CrossCheckDto(c.ReviewerCity, SubmissionDto.From(c.Result), c.Deviation, c.Failed) : null,
        v.Returned,
        v.AwaitingReassessment,
        v.Appeal is { } a ? new AppealDto(a.Indicators, a.Reason, a.At, a.Actor, a.Decision is { } d
            ? new AppealDecisionDto(d.Upheld, d.Reason, SubmissionDto.From(d.Result), d.At, d.Actor) : null) : null,
        SubmissionDto.From(v.Result),
        v.Final is { } f ? new FinalResultDto(f.Rating?.ToApiName(), f.Rating?.ToChinese(), f.Earned?.ToApiName(), f.Total, f.Compliant, f.At) : null,
        v.Submissions.Select(s => SubmissionDto.From(s)!).ToArray(),
        v.Changes?.Select(c => AuditDto.From(v.Branch.Code, c)).ToArray());
}

public sealed record RosterBranchDto(string Code, string Name, string Kind, string? School, string Supervisor, string? County, string City)
{
    public static RosterBranchDto From(RosterBranch b) => new(b.Code, b.Name, b.Kind.ToApiName(), b.SchoolCode, b.SupervisorCode, b.CountyCode, b.CityCode);
}

/// <param name="Kind">selfAssessment, review, crossCheck or appealDecision.</param>
public sealed record SubmissionDto(
    string Kind, decimal Total, string Rating, string RatingName, bool Compliant, IReadOnlyDictionary<string, decimal> Scores,
    IReadOnlyList<string> Vetoes, DateTimeOffset At, string Actor)
{
    public static SubmissionDto? From(Submission? s) => s is null ? null : new(
        s.Kind.ToApiName(), s.Assessment.Total, s.Assessment.Rating.ToApiName(), s.Assessment.Rating.ToChinese(), s.Assessment.Compliant,
        s.Assessment.IndicatorScores, s.Assessment.Input.Vetoes, s.At, s.Actor);
}

/// <param name="Deviation">Cross-check total − review total: negative where the supervising region marked generously.</param>
public sealed record CrossCheckDto(string ReviewerCity, SubmissionDto? Result, decimal? Deviation, bool Failed);

public sealed record AppealDto(IReadOnlyList<string> Indicators, string Reason, DateTimeOffset At, string Actor, AppealDecisionDto? Decision);

public sealed record AppealDecisionDto(bool Upheld, string Reason, SubmissionDto? Result, DateTimeOffset At, string Actor);

/// <param name="Earned">The level the score earned before quotas.</param>
public sealed record FinalResultDto(string? Rating, string? RatingName, string? Earned, decimal? Total, bool Compliant, DateTimeOffset At);

/// <param name="Indicator">The indicator whose points changed, <c>vetoes</c>, <c>returned</c> (sent back for re-assessment)
/// or <c>rating</c> (a quota demotion at final, with <paramref name="OldRating"/> and <paramref name="NewRating"/>).</param>
public sealed record AuditDto(
    string Branch, DateTimeOffset At, string Actor, string Stage, string Indicator, decimal? Old, decimal? New, string Reason,
    string? OldRating, string? NewRating)
{
    public static AuditDto From(string branch, ScoreAuditRecord r) =>
        new(branch, r.At, r.Actor, r.Stage.ToApiName(), r.Indicator, r.Old, r.New, r.Reason, r.OldRating?.ToApiName(), r.NewRating?.ToApiName());
}

public sealed record AuditPageDto(int Offset, int Limit, int? NextOffset, IReadOnlyList<AuditDto> Records);

/// <param name="Missing">What the branch still owes: selfAssessment (a branch sent back for re-assessment too) or review (催办).</param>
public sealed record LaggardDto(string Code, string Name, string? School, string Supervisor, string Missing);

/// <param name="ReviewerCity">The city whose reviewers re-score the branch; never the branch's own.</param>
public sealed record CrossCheckAssignmentDto(string Branch, string City, string ReviewerCity);
