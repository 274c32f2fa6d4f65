namespace Platform.Domain.Ranking;

/// <summary>How to list a node's children: ranked by a metric (or code/name) and paged.</summary>
/// <param name="SortBy">A metric from <see cref="Rollups.SummaryMetric"/>, or <c>code</c> or <c>name</c>.</param>
/// <param name="Page">1-based.</param>
[GenerateSerializer, Immutable, Alias("ChildrenQuery")]
public sealed record ChildrenQuery(
    [property: Id(0)] string SortBy = "code",
    [property: Id(1)] bool Descending = false,
    [property: Id(2)] int Page = 1,
    [property: Id(3)] int PageSize = 50)
{
    public const int MaxPageSize = 500;

    public static ChildrenQuery Default { get; } = new();
}
