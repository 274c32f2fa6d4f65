using Platform.Contracts.Hierarchy;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Api;

/// <summary>
/// A submission: <c>scores</c> (indicator id → points) for any indicator; <c>counts</c> (held/required) for counted
/// indicators; <c>facts</c> (met or not) for derived ones; and the veto items that occurred.
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
    DateTimeOffset AssessedAt)
{
    public static AssessmentDto From(AssessmentView view)
    {
        var a = view.Assessment;
        return new AssessmentDto(
            view.Code, view.Revision, a.FrameworkVersion, a.IndicatorScores,
            Domain.Framework.Dimensions.All.ToDictionary(d => d.ToApiName(), d => a.Dimensions[d]),
            a.Total, a.Rating.ToApiName(), a.Rating.ToChinese(), a.Compliant, a.Input.Vetoes, view.AssessedAt);
    }
}
