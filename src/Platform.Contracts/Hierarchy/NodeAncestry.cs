using System.Collections.Concurrent;

namespace Platform.Contracts.Hierarchy;

/// <summary>
/// Where a node sits (上级链): the codes from the province down to it, for deciding whether a node lies in an account's
/// subtree and for filing audit lines under every region above their target. Each step up is a
/// <see cref="INodeGrain.Probe"/>; parent links are remembered for <see cref="Ttl"/>, because a dashboard page asks
/// about the same few regions thousands of times and moves are rare. A move made through this process forgets its node
/// at once (<see cref="Forget"/>); elsewhere the old parent is believed for at most the TTL.
/// </summary>
public sealed class NodeAncestry(IGrainFactory grains, TimeProvider time)
{
    /// <summary>Deeper than any real chain (province, city, county, school, committee, general branch, branch).</summary>
    private const int MaxDepth = 10;

    /// <summary>How long a parent link is trusted without asking again.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    /// <summary>Links remembered at most; past that the memory starts over, so a flood of codes cannot grow it.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<(string Tenant, string Code), Link> _links = new();

    /// <summary>The codes from the root down to <paramref name="code"/> (itself last); null when there is no open node
    /// <paramref name="code"/> or its chain does not reach a root through open nodes. This is the path scope checks use.</summary>
    public async ValueTask<IReadOnlyList<string>?> PathAsync(string tenant, string code)
    {
        var (path, complete) = await WalkAsync(tenant, code, openOnly: true);
        return complete ? path : null;
    }

    /// <summary>Whether <paramref name="code"/> is <paramref name="scopeCode"/> or lies below it.</summary>
    public async ValueTask<bool> IsWithinAsync(string tenant, string code, string scopeCode) =>
        await PathAsync(tenant, code) is { } path && path.Contains(scopeCode, StringComparer.Ordinal);

    /// <summary>
    /// As far up as the chain goes from <paramref name="code"/>, closed nodes included, province first; empty when there
    /// is no such node. For filing an audit line, which a node that has just been closed still needs.
    /// </summary>
    public async Task<IReadOnlyList<string>> OfAsync(string tenant, string code) =>
        (await WalkAsync(tenant, code, openOnly: false)).Path;

    /// <summary>Forgets what is known of the node, after it moved or closed.</summary>
    public void Forget(string tenant, string code) => _links.TryRemove((tenant, code), out _);

    /// <summary>Forgets every link (an import may have re-parented any node).</summary>
    public void ForgetAll() => _links.Clear();

    private async ValueTask<(List<string> Path, bool Complete)> WalkAsync(string tenant, string code, bool openOnly)
    {
        var path = new List<string>(MaxDepth);
        for (string? at = code; at is not null;)
        {
            var link = await LinkAsync(tenant, at);
            if (!link.Exists || (openOnly && link.Closed) || path.Count == MaxDepth || path.Contains(at, StringComparer.Ordinal))
            {
                path.Reverse();
                return (path, false);
            }

            path.Add(at);
            at = link.Parent;
        }

        path.Reverse();
        return (path, true);
    }

    private async ValueTask<Link> LinkAsync(string tenant, string code)
    {
        if (_links.TryGetValue((tenant, code), out var known) && time.GetUtcNow() - known.ReadAt < Ttl)
        {
            return known;
        }

        var probe = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code)).Probe();
        if (!probe.Exists)
        {
            // Not remembered: a node created a moment later must be found at once.
            _links.TryRemove((tenant, code), out _);
            return new Link(false, false, null, default);
        }

        if (_links.Count >= Capacity)
        {
            _links.Clear();
        }

        var link = new Link(true, probe.Closed, probe.ParentCode, time.GetUtcNow());
        _links[(tenant, code)] = link;
        return link;
    }

    private readonly record struct Link(bool Exists, bool Closed, string? Parent, DateTimeOffset ReadAt);
}
