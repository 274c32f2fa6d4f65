using Platform.Domain.Hierarchy;

namespace Platform.Domain.Campaigns;

/// <summary>The outcome of <see cref="CrossCheckDraw.Draw"/>: the assignments, or why there are none. Never both, so a caller
/// cannot act on half a draw.</summary>
[GenerateSerializer, Immutable, Alias("CrossCheckDrawResult")]
public sealed record CrossCheckDrawResult(
    [property: Id(0)] IReadOnlyList<CrossCheckAssignment> Assignments,
    [property: Id(1)] IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
