namespace Platform.Domain.Scoring;

/// <summary>
/// What a branch (or its reviewer) submits: points for checked indicators, records for counted ones, facts for
/// derived ones, and the veto items (一票否决) that occurred. Points may be given for any indicator; records and facts
/// only for the rule kind they feed.
/// </summary>
[GenerateSerializer, Immutable, Alias("AssessmentInput")]
public sealed record AssessmentInput(
    [property: Id(0)] IReadOnlyDictionary<string, decimal> Scores,
    [property: Id(1)] IReadOnlyDictionary<string, MeetingCount> Counts,
    [property: Id(2)] IReadOnlyDictionary<string, bool> Facts,
    [property: Id(3)] IReadOnlyList<string> Vetoes)
{
    public static AssessmentInput FromScores(IReadOnlyDictionary<string, decimal> scores, params string[] vetoes) =>
        new(scores, new Dictionary<string, MeetingCount>(), new Dictionary<string, bool>(), vetoes);
}
