using Platform.Domain.Hierarchy;

namespace Platform.Testing;

/// <summary>A generated province's shape, read back from its import file: who is under whom, without asking the platform.
/// Shared by the tests that check every region against its leaves (compiled into each, linked from tests/Support).</summary>
internal sealed class ProvinceTree
{
    private readonly Dictionary<string, (NodeKind Kind, string? Parent)> _nodes;

    private ProvinceTree(Dictionary<string, (NodeKind Kind, string? Parent)> nodes) => _nodes = nodes;

    public IReadOnlyList<string> Regions => _nodes.Where(n => n.Value.Kind.IsRegion()).Select(n => n.Key).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> RatedUnits => _nodes.Where(n => n.Value.Kind.IsRated()).Select(n => n.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>Parses an import file whose cells hold no commas or quotes, as the generator writes them.</summary>
    public static ProvinceTree Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var (kind, code, parent) = (Column("kind"), Column("code"), Column("parentCode"));
        var nodes = new Dictionary<string, (NodeKind, string?)>(StringComparer.Ordinal);
        foreach (var cells in lines.Skip(1).Select(l => l.Split(',')))
        {
            if (!NodeKinds.TryParse(cells[kind], out var nodeKind))
            {
                throw new FormatException($"unknown kind '{cells[kind]}'");
            }

            nodes[cells[code]] = (nodeKind, cells[parent].Length == 0 ? null : cells[parent]);
        }

        return new ProvinceTree(nodes);
    }

    public IEnumerable<string> RegionsAbove(string code)
    {
        for (var parent = _nodes[code].Parent; parent is not null; parent = _nodes[parent].Parent)
        {
            if (_nodes[parent].Kind.IsRegion())
            {
                yield return parent;
            }
        }
    }
}
