using System.Collections.Concurrent;

namespace Platform.Contracts.Hierarchy;

/// <summary>
/// The codes from the province down to a node (上级链), found by asking each node for its parent
/// (<see cref="INodeGrain.Probe"/>), with the parents remembered for a while: most writes land on nodes whose ancestors
/// were asked for a moment ago. A remembered parent can be stale after a move or a re-parenting import until
/// <see cref="Forget"/> is called or <see cref="Lifetime"/> passes; callers that move nodes forget them.
/// </summary>
public sealed class NodeAncestry(IGrainFactory grains, TimeProvider time)
{
    /// <summary>Province, city, county, school, Party committee, general branch, branch: no hierarchy is deeper.</summary>
    public const int MaxDepth = 7;

    /// <summary>How long a parent is trusted without asking again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Parents remembered at most; past that the memory starts over, so a flood of codes cannot grow it.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, (string? Parent, DateTimeOffset Until)> _parents = new(StringComparer.Ordinal);

    /// <summary>The node's ancestors, province first, ending with the node itself; empty when there is no such node.</summary>
    public async Task<IReadOnlyList<string>> OfAsync(string tenant, string code)
    {
        var chain = new List<string>(MaxDepth);
        string? current = code;
        while (current is not null && chain.Count < MaxDepth)
        {
            var (exists, parent) = await ParentAsync(tenant, current);
            if (!exists)
            {
                break;
            }

            chain.Add(current);
            current = parent;
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>Forgets the parent of <paramref name="code"/> (it moved).</summary>
    public void Forget(string tenant, string code) => _parents.TryRemove(GrainKeys.Node(tenant, code), out _);

    /// <summary>Forgets every parent (an import may have re-parented any node).</summary>
    public void ForgetAll() => _parents.Clear();

    private async Task<(bool Exists, string? Parent)> ParentAsync(string tenant, string code)
    {
        var key = GrainKeys.Node(tenant, code);
        var now = time.GetUtcNow();
        if (_parents.TryGetValue(key, out var known) && known.Until > now)
        {
            return (true, known.Parent);
        }

        var probe = await grains.GetGrain<INodeGrain>(key).Probe();
        if (!probe.Exists)
        {
            return (false, null);
        }

        if (_parents.Count >= Capacity)
        {
            _parents.Clear();
        }

        _parents[key] = (probe.ParentCode, now + Lifetime);
        return (true, probe.ParentCode);
    }
}
