using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>
/// What a file defines, held from reading until it is applied: each node with its line, and each parent's children
/// as announced in the file. Grows only with the nodes, which the importer caps; rejected rows are only counted.
/// </summary>
internal sealed class HierarchyFile
{
    private readonly Dictionary<string, int> _lineOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeDefinition>> _childrenOf = new(StringComparer.Ordinal);
    private readonly List<PendingNode> _nodes = [];

    /// <summary>Data rows read, rejected ones included.</summary>
    public int Rows { get; set; }

    public IReadOnlyList<PendingNode> Nodes => _nodes;

    /// <summary>The line that defines <paramref name="code"/>, or null.</summary>
    public int? LineOf(string code) => _lineOf.TryGetValue(code, out var line) ? line : null;

    public IReadOnlyList<NodeDefinition>? ChildrenOf(string code) => _childrenOf.GetValueOrDefault(code);

    public void Add(int line, NodeDefinition definition, string? sheet, IReadOnlyList<string> cells)
    {
        _lineOf.Add(definition.Code, line);
        _nodes.Add(new PendingNode(line, definition, sheet, cells));
        if (definition.ParentCode is { } parent)
        {
            if (!_childrenOf.TryGetValue(parent, out var children))
            {
                _childrenOf.Add(parent, children = []);
            }

            children.Add(definition);
        }
    }
}

/// <summary>A node of the file, waiting for its kind's wave, with its cells as written in case the hierarchy refuses it.</summary>
internal readonly record struct PendingNode(int Line, NodeDefinition Definition, string? Sheet, IReadOnlyList<string> Cells);
