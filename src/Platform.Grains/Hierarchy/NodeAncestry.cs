using System.Collections.Concurrent;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;

namespace Platform.Grains.Hierarchy;

/// <summary>
/// Where a node sits: the codes from the province down to it, for deciding whether a node lies in an account's subtree
/// and for filing audit entries under every region above their target. Each step up is a <see cref="INodeGrain.Probe"/>
/// of an active grain; parent links are cached for <see cref="Ttl"/>, because a dashboard page asks about the same few
/// regions thousands of times and moves are rare. A move made through this process invalidates its node at once;
/// elsewhere the old parent is believed for at most the TTL.
/// </summary>
public sealed class NodeAncestry(IGrainFactory grains, TimeProvider time)
{
    /// <summary>Deeper than any real chain (province, city, county, school, committee, general branch, branch).</summary>
    private const int MaxDepth = 10;

    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Tenant, string Code), (bool Open, string? Parent, DateTimeOffset ReadAt)> _links = new();


    /// <summary>The codes from the root down to <paramref name="code"/> (itself last); null when there is no open node
    /// <paramref name="code"/> or its chain does not reach a root through open nodes.</summary>
    public async ValueTask<IReadOnlyList<string>?> PathAsync(string tenant, string code)
    {
        var path = new List<string>(MaxDepth);
        for (string? at = code; at is not null;)
        {
            var (open, parent) = await LinkAsync(tenant, at);
            if (!open || path.Count == MaxDepth || path.Contains(at, StringComparer.Ordinal))
            {
                return null;
            }

            path.Add(at);
            at = parent;
        }

        path.Reverse();
        return path;
    }

    /// <summary>Whether <paramref name="code"/> is <paramref name="scopeCode"/> or lies below it.</summary>
    public async ValueTask<bool> IsWithinAsync(string tenant, string code, string scopeCode) =>
        await PathAsync(tenant, code) is { } path && path.Contains(scopeCode, StringComparer.Ordinal);

    /// <summary>Forgets what is known of the node, after it moved or closed.</summary>
    public void Invalidate(string tenant, string code) => _links.TryRemove((tenant, code), out _);

    private async ValueTask<(bool Open, string? Parent)> LinkAsync(string tenant, string code)
    {
        if (_links.TryGetValue((tenant, code), out var known) && time.GetUtcNow() - known.ReadAt < Ttl)
        {
            return (known.Open, known.Parent);
        }

        var probe = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code)).Probe();
        if (probe is not { Exists: true, Closed: false })
        {
            // Not cached: a node created a moment later must be found at once.
            _links.TryRemove((tenant, code), out _);
            return (false, null);
        }

        _links[(tenant, code)] = (true, probe.ParentCode, time.GetUtcNow());
        return (true, probe.ParentCode);
    }
}
