using System.Text.Json;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;

namespace Platform.Cluster.Tests.Load;

/// <summary>What a branch's stored assessment must hold after a submission was applied: its indicator points and total.</summary>
internal sealed record StoredValues(IReadOnlyDictionary<string, decimal> Scores, decimal Total)
{
    /// <summary>What the platform stores for <paramref name="input"/>, scored here as the platform scores it.</summary>
    public static StoredValues Of(FrameworkVersion framework, AssessmentInput input) =>
        Assessor.Score(framework, input).Assessment is { } assessment
            ? new StoredValues(assessment.IndicatorScores, assessment.Total)
            : throw new InvalidOperationException("the load generated an assessment the framework refuses");

    /// <summary>The values of an assessment as the API answers it (<c>scores</c>, <c>total</c>).</summary>
    public static StoredValues Read(JsonElement assessment) => new(
        assessment.GetProperty("scores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal(), StringComparer.Ordinal),
        assessment.GetProperty("total").GetDecimal());

    public bool SameAs(StoredValues other) =>
        Total == other.Total
        && Scores.Count == other.Scores.Count
        && Scores.All(s => other.Scores.TryGetValue(s.Key, out var points) && points == s.Value);

    public override string ToString() => $"total {Total}";
}
