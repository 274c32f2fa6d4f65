namespace Platform.Domain.Campaigns;

/// <summary>A branch that may be drawn for the cross-region check (交叉检查), with the city it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("CrossCheckCandidate")]
public sealed record CrossCheckCandidate([property: Id(0)] string BranchCode, [property: Id(1)] string CityCode);
