using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Api;

/// <summary>One branch's part in a campaign; its revision is the ETag every change must quote in If-Match.</summary>
public sealed record EntryDto(
    string CampaignId,
    RosterBranchDto Branch,
    int Revision,
    SubmissionDto? SelfAssessment,
    IReadOnlyDictionary<string, string> Evidence,
    SubmissionDto? Review,
    CrossCheckDto? CrossCheck,
    bool Returned,
    AppealDto? Appeal,
    SubmissionDto? Result,
    FinalResultDto? Final)
{
    public static EntryDto From(EntryView v) => new(
        v.CampaignId, RosterBranchDto.From(v.Branch), v.Revision, SubmissionDto.From(v.SelfAssessment), v.Evidence,
        SubmissionDto.From(v.Review),
        v.CrossCheck is { } c ? new CrossCheckDto(c.ReviewerCity, SubmissionDto.From(c.Result), c.Deviation, c.Failed) : null,
        v.Returned,
        v.Appeal is { } a ? new AppealDto(a.Indicators, a.Reason, a.At, a.Actor, a.Decision is { } d
            ? new AppealDecisionDto(d.Upheld, d.Reason, SubmissionDto.From(d.Result), d.At, d.Actor) : null) : null,
        SubmissionDto.From(v.Result),
        v.Final is { } f ? new FinalResultDto(f.Rating?.ToApiName(), f.Rating?.ToChinese(), f.Earned?.ToApiName(), f.Total, f.Compliant, f.At) : null);
}

public sealed record RosterBranchDto(string Code, string Name, string Kind, string? School, string Supervisor, string? County, string City)
{
    public static RosterBranchDto From(RosterBranch b) => new(b.Code, b.Name, b.Kind.ToApiName(), b.SchoolCode, b.SupervisorCode, b.CountyCode, b.CityCode);
}

public sealed record SubmissionDto(
    decimal Total, string Rating, string RatingName, bool Compliant, IReadOnlyDictionary<string, decimal> Scores,
    IReadOnlyList<string> Vetoes, DateTimeOffset At, string Actor)
{
    public static SubmissionDto? From(Submission? s) => s is null ? null : new(
        s.Assessment.Total, s.Assessment.Rating.ToApiName(), s.Assessment.Rating.ToChinese(), s.Assessment.Compliant,
        s.Assessment.IndicatorScores, s.Assessment.Input.Vetoes, s.At, s.Actor);
}

/// <param name="Deviation">Cross-check total − review total: negative where the supervising region marked generously.</param>
public sealed record CrossCheckDto(string ReviewerCity, SubmissionDto? Result, decimal? Deviation, bool Failed);

public sealed record AppealDto(IReadOnlyList<string> Indicators, string Reason, DateTimeOffset At, string Actor, AppealDecisionDto? Decision);

public sealed record AppealDecisionDto(bool Upheld, string Reason, SubmissionDto? Result, DateTimeOffset At, string Actor);

/// <param name="Earned">The level the score earned before quotas.</param>
public sealed record FinalResultDto(string? Rating, string? RatingName, string? Earned, decimal? Total, bool Compliant, DateTimeOffset At);

public sealed record AuditDto(string Branch, DateTimeOffset At, string Actor, string Stage, string Indicator, decimal? Old, decimal? New, string Reason)
{
    public static AuditDto From(string branch, ScoreAuditRecord r) =>
        new(branch, r.At, r.Actor, r.Stage.ToApiName(), r.Indicator, r.Old, r.New, r.Reason);
}

public sealed record AuditPageDto(int Offset, int Limit, int? NextOffset, IReadOnlyList<AuditDto> Records);

/// <param name="Missing">What the branch still owes: selfAssessment or review (催办).</param>
public sealed record LaggardDto(string Code, string Name, string? School, string Supervisor, string Missing);

/// <param name="ReviewerCity">The city whose reviewers re-score the branch; never the branch's own.</param>
public sealed record CrossCheckAssignmentDto(string Branch, string City, string ReviewerCity);
