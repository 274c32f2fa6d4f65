using Platform.Domain.Rollups;

namespace Platform.Domain.Ranking;

/// <summary>Ranks children by a metric. Children without a value (nothing assessed yet) go last either way, and ties
/// fall back to the code so pages are stable.</summary>
public static class ChildRanking
{
    public static bool IsKnownSort(string sortBy) =>
        sortBy is "code" or "name" || SummaryMetric.Find(sortBy) is not null;

    public static ChildrenPage Apply(IEnumerable<ChildRollup> children, ChildrenQuery query)
    {
        var all = children.ToList();
        IEnumerable<ChildRollup> ordered = query.SortBy switch
        {
            "code" => Order(all, c => c.Code, query.Descending),
            "name" => Order(all, c => c.Name, query.Descending),
            _ => OrderByMetric(all, SummaryMetric.Find(query.SortBy) ?? (_ => null), query.Descending),
        };

        var skip = (int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.PageSize);
        var items = ordered.Skip(skip).Take(query.PageSize).ToList();
        return new(all.Count, items);
    }

    private static IEnumerable<ChildRollup> Order(List<ChildRollup> all, Func<ChildRollup, string> key, bool descending) =>
        descending
            ? all.OrderByDescending(key, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)
            : all.OrderBy(key, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal);

    private static IEnumerable<ChildRollup> OrderByMetric(List<ChildRollup> all, Func<Summary, decimal?> metric, bool descending)
    {
        var withValue = all.Where(c => metric(c.Summary) is not null);
        var ranked = descending
            ? withValue.OrderByDescending(c => metric(c.Summary)).ThenBy(c => c.Code, StringComparer.Ordinal)
            : withValue.OrderBy(c => metric(c.Summary)).ThenBy(c => c.Code, StringComparer.Ordinal);
        return ranked.Concat(all.Where(c => metric(c.Summary) is null).OrderBy(c => c.Code, StringComparer.Ordinal));
    }
}
