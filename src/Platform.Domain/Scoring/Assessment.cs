using Platform.Domain.Framework;
using Platform.Domain.Rollups;

namespace Platform.Domain.Scoring;

/// <summary>A scored assessment: the points per indicator and dimension, the total, the rating and compliance (达标).</summary>
/// <param name="FrameworkVersion">The version it was scored with; it stands even after a newer version is published.</param>
/// <param name="Dimensions">Per-dimension points; the bonus already capped.</param>
[GenerateSerializer, Immutable, Alias("Assessment")]
public sealed record Assessment(
    [property: Id(0)] int FrameworkVersion,
    [property: Id(1)] AssessmentInput Input,
    [property: Id(2)] IReadOnlyDictionary<string, decimal> IndicatorScores,
    [property: Id(3)] DimensionTotals Dimensions,
    [property: Id(4)] decimal Total,
    [property: Id(5)] RatingLevel Rating,
    [property: Id(6)] bool Compliant);
