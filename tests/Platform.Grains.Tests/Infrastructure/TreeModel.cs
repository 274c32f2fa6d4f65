using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;

namespace Platform.Grains.Tests.Infrastructure;

/// <summary>
/// The test's own record of what the hierarchy should be, and the from-scratch recomputation of every rollup over
/// the leaves that the grains' incremental rollups must equal.
/// </summary>
internal sealed class TreeModel
{
    public Dictionary<string, ModelNode> Nodes { get; } = new(StringComparer.Ordinal);

    public IEnumerable<ModelNode> Open => Nodes.Values.Where(n => !n.Closed);

    public void Define(NodeDefinition definition)
    {
        if (Nodes.TryGetValue(definition.Code, out var node))
        {
            node.Definition = definition;
            node.Closed = false;
        }
        else
        {
            Nodes[definition.Code] = new ModelNode(definition);
        }
    }

    public IEnumerable<ModelNode> ChildrenOf(string code) => Open.Where(n => n.Definition.ParentCode == code);

    public Summary Expected(string code)
    {
        var node = Nodes[code];
        var children = ChildrenOf(code).Aggregate(Summary.Zero, (sum, child) => sum + Expected(child.Definition.Code));
        var d = node.Definition;
        var coveredBy = Open.Count(n => n.Definition.Kind == NodeKind.JointBranch && n.Definition.CoveredSchools.Contains(code));
        var own = d.Kind switch
        {
            NodeKind.School => Summary.ForSchool(d.School!, children.Organisations > 0 || coveredBy > 0),
            _ when d.Kind.IsOrganisation() => Summary.ForOrganisation(d.Kind, d.Members, d.ProbationaryMembers, node.Assessment),
            _ => Summary.Zero,
        };
        return own + children;
    }
}

internal sealed class ModelNode(NodeDefinition definition)
{
    public NodeDefinition Definition { get; set; } = definition;

    public Assessment? Assessment { get; set; }

    public int Revision { get; set; }

    public bool Closed { get; set; }
}
