using Platform.Domain.Campaigns;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Domain.Standing;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Api;

/// <summary>
/// A submission: <c>scores</c> (indicator id → points) for any indicator; <c>counts</c> (held/required) for counted
/// indicators; <c>facts</c> (met or not) for derived ones; the veto items that occurred. The audit line names the
/// signed-in account that records it.
/// </summary>
public sealed record AssessmentRequest(
    IReadOnlyDictionary<string, decimal>? Scores,
    IReadOnlyDictionary<string, MeetingCountDto>? Counts,
    IReadOnlyDictionary<string, bool>? Facts,
    IReadOnlyList<string>? Vetoes) : IRequestBody
{
    public IEnumerable<FieldError> NullElements() => Nulls.In(Counts, "counts").Concat(Nulls.In(Vetoes, "vetoes"));

    public AssessmentInput ToInput() => new(
        Scores ?? new Dictionary<string, decimal>(),
        (Counts ?? new Dictionary<string, MeetingCountDto>()).ToDictionary(c => c.Key, c => new MeetingCount(c.Value.Held, c.Value.Required)),
        Facts ?? new Dictionary<string, bool>(),
        Vetoes ?? []);
}

public sealed record MeetingCountDto(int Held, int Required);

/// <param name="Change">The history line this command added (old and new rating and total); null on reads and when
/// nothing changed.</param>
public sealed record AssessmentDto(
    string Code,
    int Revision,
    int FrameworkVersion,
    IReadOnlyDictionary<string, decimal> Scores,
    IReadOnlyDictionary<string, decimal> Dimensions,
    decimal Total,
    string Rating,
    string RatingName,
    bool Compliant,
    IReadOnlyList<string> Vetoes,
    DateTimeOffset AssessedAt,
    string? RatedByCampaign,
    RatingChangeDto? Change = null)
{
    public static AssessmentDto From(AssessmentView view)
    {
        var a = view.Assessment;
        return new AssessmentDto(
            view.Code, view.Revision, a.FrameworkVersion, a.IndicatorScores,
            Domain.Framework.Dimensions.All.ToDictionary(d => d.ToApiName(), d => a.Dimensions[d]),
            a.Total, a.Rating.ToApiName(), a.Rating.ToChinese(), a.Compliant, a.Input.Vetoes, view.AssessedAt, view.RatedByCampaign,
            view.Change is { } change ? RatingChangeDto.From(change) : null);
    }
}

/// <summary>A veto event during the year (一票否决): which veto item and why.</summary>
public sealed record VetoEventRequest(string? VetoId, string? Reason);

/// <summary>A tenant admin's correction of a standing rating (更正): new points for some indicators, each with its reason in
/// <c>reasons</c> (and <c>reasons.vetoes</c> when <c>vetoes</c> changes) and an overall <c>reason</c>.</summary>
public sealed record CorrectionRequest(
    string? Reason,
    IReadOnlyDictionary<string, decimal>? Scores,
    IReadOnlyDictionary<string, string>? Reasons,
    IReadOnlyList<string>? Vetoes) : IRequestBody
{
    public IEnumerable<FieldError> NullElements() => Nulls.In(Reasons, "reasons").Concat(Nulls.In(Vetoes, "vetoes"));

    public ScoreChanges ToChanges() => new(
        Scores ?? new Dictionary<string, decimal>(), Reasons ?? new Dictionary<string, string>(), Vetoes);
}

/// <summary>One change to a branch's standing rating (评定变更留痕).</summary>
/// <param name="Source">baseline, campaignFinal, veto or correction.</param>
public sealed record RatingChangeDto(
    DateTimeOffset At,
    string Actor,
    string Source,
    string? CampaignId,
    string? OldRating,
    decimal? OldTotal,
    string NewRating,
    string NewRatingName,
    decimal NewTotal,
    bool Compliant,
    string Reason,
    IReadOnlyList<IndicatorChangeDto> Indicators)
{
    public static RatingChangeDto From(RatingChange c) => new(
        c.At, c.Actor, c.Source.ToApiName(), c.CampaignId, c.OldRating?.ToApiName(), c.OldTotal, c.NewRating.ToApiName(), c.NewRating.ToChinese(),
        c.NewTotal, c.Compliant, c.Reason, c.Indicators.Select(i => new IndicatorChangeDto(i.Indicator, i.Old, i.New, i.Reason)).ToList());
}

public sealed record IndicatorChangeDto(string Indicator, decimal? Old, decimal? New, string Reason);
