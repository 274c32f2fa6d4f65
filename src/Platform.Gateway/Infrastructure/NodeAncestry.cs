using Platform.Contracts;
using Platform.Contracts.Hierarchy;

namespace Platform.Gateway.Infrastructure;

/// <summary>
/// Whether a node lies in another's subtree, found by walking up from it through each node's parent
/// (<see cref="INodeGrain.Probe"/>). The tree is at most eight kinds deep, so a walk is a handful of calls; callers that
/// ask about many nodes pass one <see cref="Memo"/> so shared ancestors are asked once.
/// </summary>
public sealed class NodeAncestry(IGrainFactory grains)
{
    /// <summary>Deeper than any tree the kinds allow; a walk that goes further has met a cycle and answers no.</summary>
    private const int MaxDepth = 16;

    public async Task<bool> IsWithinAsync(string tenant, string code, string ancestorCode, Memo? memo = null)
    {
        memo ??= new Memo();
        var path = new List<string>();
        string? current = code;
        var within = false;
        for (var depth = 0; current is not null && depth < MaxDepth; depth++)
        {
            if (current == ancestorCode)
            {
                within = true;
                break;
            }

            if (memo.Known.TryGetValue(current, out var known))
            {
                within = known;
                break;
            }

            path.Add(current);
            var probe = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, current)).Probe();
            current = probe.Exists ? probe.ParentCode : null;
        }

        foreach (var visited in path)
        {
            memo.Known[visited] = within;
        }

        return within;
    }

    /// <summary>Answers already found for one ancestor, to share across the calls of one request.</summary>
    public sealed class Memo
    {
        internal Dictionary<string, bool> Known { get; } = new(StringComparer.Ordinal);
    }
}
