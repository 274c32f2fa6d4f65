namespace Platform.Domain.Campaigns;

/// <summary>
/// A reviewer's changes to the scores in front of them (审核, 交叉检查, 申诉裁定): new points for some indicators and,
/// optionally, a new list of veto items. Every change needs a reason (<see cref="VetoReasonKey"/> for the vetoes).
/// </summary>
[GenerateSerializer, Immutable, Alias("ScoreChanges")]
public sealed record ScoreChanges(
    [property: Id(0)] IReadOnlyDictionary<string, decimal> Scores,
    [property: Id(1)] IReadOnlyDictionary<string, string> Reasons,
    [property: Id(2)] IReadOnlyList<string>? Vetoes)
{
    /// <summary>The key under <see cref="Reasons"/> that explains a change to the veto items.</summary>
    public const string VetoReasonKey = "vetoes";

    public static ScoreChanges None { get; } = new(new Dictionary<string, decimal>(), new Dictionary<string, string>(), null);
}
