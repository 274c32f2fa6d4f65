using Platform.Domain.Ranking;
using Platform.Domain.Rollups;

namespace Platform.Contracts.Hierarchy;

/// <summary>A node with its rollup and one page of its ranked children: a dashboard page in one grain call.</summary>
[GenerateSerializer, Immutable, Alias("NodeView")]
public sealed record NodeView(
    [property: Id(0)] NodeInfo Info,
    [property: Id(1)] SummaryView Summary,
    [property: Id(2)] ChildrenPage Children);
