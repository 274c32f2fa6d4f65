using Platform.Domain.Hierarchy;

namespace Platform.Contracts.Hierarchy;

/// <summary>A node's own facts, without its rollup.</summary>
/// <param name="CoveredBy">For a school: the joint branches that cover it.</param>
/// <param name="Revision">The ETag a move or close must quote in If-Match.</param>
[GenerateSerializer, Immutable, Alias("NodeInfo")]
public sealed record NodeInfo(
    [property: Id(0)] NodeDefinition Definition,
    [property: Id(1)] bool Closed,
    [property: Id(2)] IReadOnlyList<string> CoveredBy,
    [property: Id(3)] int Revision);
