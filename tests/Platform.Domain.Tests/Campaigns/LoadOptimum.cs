namespace Platform.Domain.Tests.Campaigns;

/// <summary>
/// The best loads any cross-check assignment could reach, computed without the draw's own reasoning, for checking its
/// balance guarantee. Cities are given as how many sampled branches each home city has; a branch may go to any reviewer
/// city but its own.
/// </summary>
internal static class LoadOptimum
{
    /// <summary>The least maximum, greatest minimum and least spread over every assignment, by trying them all; null when none
    /// exists. Only for a handful of branches.</summary>
    public static (int Max, int Min, int Spread)? BruteForce(IReadOnlyDictionary<string, int> sampled, IReadOnlyList<string> reviewers)
    {
        var homes = sampled.SelectMany(p => Enumerable.Repeat(p.Key, p.Value)).ToArray();
        var loads = new int[reviewers.Count];
        (int Max, int Min, int Spread)? best = null;

        void Place(int branch)
        {
            if (branch == homes.Length)
            {
                var (max, min) = (loads.DefaultIfEmpty().Max(), loads.DefaultIfEmpty().Min());
                best = best is { } b ? (Math.Min(b.Max, max), Math.Max(b.Min, min), Math.Min(b.Spread, max - min)) : (max, min, max - min);
                return;
            }

            for (var r = 0; r < reviewers.Count; r++)
            {
                if (reviewers[r] != homes[branch])
                {
                    loads[r]++;
                    Place(branch + 1);
                    loads[r]--;
                }
            }
        }

        Place(0);
        return best;
    }

    /// <summary>The least achievable maximum load and the greatest achievable minimum load, by max-flow: loads of at most M are
    /// reachable when a flow with every reviewer capped at M carries all branches; loads of at least m when a flow with every
    /// reviewer capped at m fills them all, the remaining branches then going anywhere allowed. Null when no assignment exists.</summary>
    public static (int Max, int Min)? ByFlow(IReadOnlyDictionary<string, int> sampled, IReadOnlyList<string> reviewers)
    {
        var total = sampled.Values.Sum();
        if (MaxFlow(sampled, reviewers, total) < total)
        {
            return null;
        }

        var max = Enumerable.Range(0, total + 1).First(cap => MaxFlow(sampled, reviewers, cap) == total);
        var min = Enumerable.Range(0, total + 1).Last(cap => MaxFlow(sampled, reviewers, cap) == cap * reviewers.Count);
        return (max, min);
    }

    /// <summary>Edmonds–Karp on source → home city → reviewer city (any but its own) → sink.</summary>
    private static int MaxFlow(IReadOnlyDictionary<string, int> sampled, IReadOnlyList<string> reviewers, int reviewerCap)
    {
        var homes = sampled.Keys.ToArray();
        var size = 2 + homes.Length + reviewers.Count;
        int source = 0, sink = size - 1;
        var capacity = new int[size, size];
        for (var h = 0; h < homes.Length; h++)
        {
            capacity[source, 1 + h] = sampled[homes[h]];
            for (var r = 0; r < reviewers.Count; r++)
            {
                capacity[1 + h, 1 + homes.Length + r] = homes[h] == reviewers[r] ? 0 : int.MaxValue / 2;
            }
        }

        for (var r = 0; r < reviewers.Count; r++)
        {
            capacity[1 + homes.Length + r, sink] = reviewerCap;
        }

        var flow = 0;
        while (true)
        {
            var parent = Enumerable.Repeat(-1, size).ToArray();
            parent[source] = source;
            var queue = new Queue<int>([source]);
            while (queue.TryDequeue(out var u) && parent[sink] < 0)
            {
                for (var v = 0; v < size; v++)
                {
                    if (parent[v] < 0 && capacity[u, v] > 0)
                    {
                        parent[v] = u;
                        queue.Enqueue(v);
                    }
                }
            }

            if (parent[sink] < 0)
            {
                return flow;
            }

            var push = int.MaxValue;
            for (var v = sink; v != source; v = parent[v])
            {
                push = Math.Min(push, capacity[parent[v], v]);
            }

            for (var v = sink; v != source; v = parent[v])
            {
                capacity[parent[v], v] -= push;
                capacity[v, parent[v]] += push;
            }

            flow += push;
        }
    }
}
