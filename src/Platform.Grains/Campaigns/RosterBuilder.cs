using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;

namespace Platform.Grains.Campaigns;

/// <summary>
/// Fixes a campaign's roster by walking the hierarchy down from each scope region, level by level with many calls in
/// flight, recording every branch with its school, supervising region, county and city.
/// </summary>
internal sealed class RosterBuilder(IGrainFactory grains, string tenant, int concurrency)
{
    private sealed record Visit(ChildRollup Node, string Unit, string? School, string Supervisor, string? County, string? City);

    public async Task<(CampaignRoster? Roster, IReadOnlyList<FieldError> Errors)> BuildAsync(IReadOnlyList<string> scope, Action<int>? progress = null)
    {
        var units = new List<RosterUnit>();
        var branches = new List<RosterBranch>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var frontier = new List<Visit>();

        for (var i = 0; i < scope.Count; i++)
        {
            var probe = await Node(scope[i]).Probe();
            if (probe is not { Exists: true, Closed: false, Rollup: { } root } || !root.Kind.IsRegion())
            {
                errors.Add(new($"scope[{i}]", $"there is no open region '{scope[i]}' in this tenant"));
                continue;
            }

            var (county, city) = await AncestryAsync(root, probe.ParentCode);
            units.Add(new RosterUnit(root.Code, root.Name, root.Kind, CampaignRoster.ScopeRoot));
            seen.Add(root.Code);
            frontier.Add(new Visit(root, root.Code, null, root.Code, county, city));
        }

        while (frontier.Count > 0 && errors.Count == 0)
        {
            var next = new List<Visit>();
            foreach (var batch in frontier.Chunk(concurrency))
            {
                var children = await Task.WhenAll(batch.Select(v => Node(v.Node.Code).GetChildren()));
                for (var b = 0; b < batch.Length; b++)
                {
                    foreach (var child in children[b])
                    {
                        if (!seen.Add(child.Code))
                        {
                            errors.Add(new("scope", $"'{child.Code}' lies within another region of the scope; name each region once"));
                            continue;
                        }

                        Place(batch[b], child, units, branches, next);
                    }
                }
            }

            frontier = next;
            progress?.Invoke(branches.Count);
        }

        return errors.Count > 0 ? (null, errors) : (new CampaignRoster(units, branches), []);
    }

    private static void Place(Visit parent, ChildRollup child, List<RosterUnit> units, List<RosterBranch> branches, List<Visit> next)
    {
        var at = parent with { Node = child };
        switch (child.Kind)
        {
            case NodeKind.City:
                units.Add(new RosterUnit(child.Code, child.Name, child.Kind, parent.Unit));
                next.Add(at with { Unit = child.Code, Supervisor = child.Code, City = child.Code, County = null });
                break;
            case NodeKind.County:
                units.Add(new RosterUnit(child.Code, child.Name, child.Kind, parent.Unit));
                next.Add(at with { Unit = child.Code, Supervisor = child.Code, County = child.Code });
                break;
            case NodeKind.School:
                units.Add(new RosterUnit(child.Code, child.Name, child.Kind, parent.Unit));
                next.Add(at with { Unit = child.Code, School = child.Code });
                break;
            case var kind when kind.IsRated():
                branches.Add(new RosterBranch(child.Code, child.Name, kind, parent.Unit, parent.School, parent.Supervisor,
                    parent.County, parent.City ?? parent.Supervisor));
                break;
            default:
                // 党委 and 党总支 are not rated themselves; the branches under them are, and report to the same school.
                next.Add(at);
                break;
        }
    }

    /// <summary>The county and city above a scope region, so a county named alone still knows its city for the draw.</summary>
    private async Task<(string? County, string? City)> AncestryAsync(ChildRollup region, string? parentCode)
    {
        string? county = region.Kind == NodeKind.County ? region.Code : null;
        string? city = region.Kind == NodeKind.City ? region.Code : null;
        while (city is null && parentCode is not null)
        {
            var probe = await Node(parentCode).Probe();
            if (probe.Rollup is not { } parent)
            {
                break;
            }

            if (parent.Kind == NodeKind.City)
            {
                city = parent.Code;
            }

            parentCode = probe.ParentCode;
        }

        return (county, city);
    }

    private INodeGrain Node(string code) => grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code));
}
