using Platform.Domain.Hierarchy;

namespace Platform.Domain.Tests.Hierarchy;

public class NodeKindsTests
{
    private static readonly NodeKind[] AllKinds = Enum.GetValues<NodeKind>();

    private static readonly NodeKind[] Regions = [NodeKind.Province, NodeKind.City, NodeKind.County];

    private static readonly NodeKind[] Organisations = [NodeKind.PartyCommittee, NodeKind.GeneralBranch, NodeKind.Branch, NodeKind.JointBranch];

    /// <summary>docs/domain.md §2: province → city → county → school → Party organisations, with the documented shortcuts.</summary>
    private static readonly HashSet<(NodeKind Parent, NodeKind Child)> Allowed =
    [
        (NodeKind.Province, NodeKind.City),
        (NodeKind.Province, NodeKind.County),
        (NodeKind.City, NodeKind.County),
        (NodeKind.Province, NodeKind.School),
        (NodeKind.City, NodeKind.School),
        (NodeKind.County, NodeKind.School),
        (NodeKind.School, NodeKind.PartyCommittee),
        (NodeKind.School, NodeKind.GeneralBranch),
        (NodeKind.PartyCommittee, NodeKind.GeneralBranch),
        (NodeKind.School, NodeKind.Branch),
        (NodeKind.PartyCommittee, NodeKind.Branch),
        (NodeKind.GeneralBranch, NodeKind.Branch),
        (NodeKind.Province, NodeKind.JointBranch),
        (NodeKind.City, NodeKind.JointBranch),
        (NodeKind.County, NodeKind.JointBranch),
        (NodeKind.School, NodeKind.JointBranch),
    ];

    public static TheoryData<NodeKind, NodeKind> AllPairs()
    {
        var data = new TheoryData<NodeKind, NodeKind>();
        foreach (var parent in AllKinds)
        {
            foreach (var child in AllKinds)
            {
                data.Add(parent, child);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CanHold_matches_the_hierarchy_of_the_domain(NodeKind parent, NodeKind child) =>
        Assert.Equal(Allowed.Contains((parent, child)), parent.CanHold(child));

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void A_parent_kind_always_comes_before_its_child_kind_so_no_cycle_is_possible(NodeKind parent, NodeKind child) =>
        Assert.True(!parent.CanHold(child) || parent < child, $"{parent} may hold {child} but does not come before it");

    [Fact]
    public void No_chain_of_allowed_placements_leads_back_to_its_start()
    {
        foreach (var start in AllKinds)
        {
            var reachable = new HashSet<NodeKind>();
            var frontier = new Queue<NodeKind>([start]);
            while (frontier.TryDequeue(out var kind))
            {
                foreach (var child in AllKinds.Where(c => kind.CanHold(c)))
                {
                    if (reachable.Add(child))
                    {
                        frontier.Enqueue(child);
                    }
                }
            }

            Assert.DoesNotContain(start, reachable);
        }
    }

    [Fact]
    public void Province_sits_under_nothing_and_every_other_kind_has_a_possible_parent()
    {
        Assert.DoesNotContain(AllKinds, parent => parent.CanHold(NodeKind.Province));
        Assert.All(AllKinds.Where(k => k != NodeKind.Province), child => Assert.Contains(AllKinds, parent => parent.CanHold(child)));
    }

    [Fact]
    public void City_sits_only_under_the_province() =>
        Assert.Equal([NodeKind.Province], AllKinds.Where(p => p.CanHold(NodeKind.City)));

    [Fact]
    public void County_sits_under_the_province_or_a_city() =>
        Assert.Equal([NodeKind.Province, NodeKind.City], AllKinds.Where(p => p.CanHold(NodeKind.County)));

    [Fact]
    public void School_sits_under_any_region() =>
        Assert.Equal(Regions, AllKinds.Where(p => p.CanHold(NodeKind.School)));

    [Fact]
    public void Party_committee_sits_only_under_a_school() =>
        Assert.Equal([NodeKind.School], AllKinds.Where(p => p.CanHold(NodeKind.PartyCommittee)));

    [Fact]
    public void Branch_sits_under_a_school_party_committee_or_general_branch() =>
        Assert.Equal([NodeKind.School, NodeKind.PartyCommittee, NodeKind.GeneralBranch], AllKinds.Where(p => p.CanHold(NodeKind.Branch)));

    [Fact]
    public void Joint_branch_sits_under_a_region_or_a_school() =>
        Assert.Equal([.. Regions, NodeKind.School], AllKinds.Where(p => p.CanHold(NodeKind.JointBranch)));

    [Fact]
    public void Rated_units_hold_nothing()
    {
        Assert.DoesNotContain(AllKinds, child => NodeKind.Branch.CanHold(child));
        Assert.DoesNotContain(AllKinds, child => NodeKind.JointBranch.CanHold(child));
    }

    [Fact]
    public void Organisation_kinds_may_become_one_another()
    {
        foreach (var from in Organisations)
        {
            Assert.All(Organisations, to => Assert.True(from.CanBecome(to), $"{from} → {to}"));
        }
    }

    [Theory]
    [InlineData(NodeKind.School, NodeKind.County)]
    [InlineData(NodeKind.County, NodeKind.School)]
    [InlineData(NodeKind.Branch, NodeKind.School)]
    [InlineData(NodeKind.School, NodeKind.Branch)]
    [InlineData(NodeKind.City, NodeKind.County)]
    [InlineData(NodeKind.Province, NodeKind.City)]
    public void Kinds_cannot_change_across_families(NodeKind from, NodeKind to) => Assert.False(from.CanBecome(to));

    [Fact]
    public void Every_kind_may_stay_what_it_is() => Assert.All(AllKinds, kind => Assert.True(kind.CanBecome(kind)));

    [Fact]
    public void Only_branches_and_joint_branches_are_rated() =>
        Assert.Equal([NodeKind.Branch, NodeKind.JointBranch], AllKinds.Where(k => k.IsRated()));

    [Fact]
    public void Regions_and_organisations_partition_the_kinds_with_schools_in_neither()
    {
        Assert.Equal(Regions, AllKinds.Where(k => k.IsRegion()));
        Assert.Equal(Organisations, AllKinds.Where(k => k.IsOrganisation()));
    }

    [Theory]
    [InlineData("province", NodeKind.Province)]
    [InlineData("city", NodeKind.City)]
    [InlineData("市州", NodeKind.City)]
    [InlineData("区", NodeKind.County)]
    [InlineData("学校", NodeKind.School)]
    [InlineData("党委", NodeKind.PartyCommittee)]
    [InlineData("党总支", NodeKind.GeneralBranch)]
    [InlineData("党支部", NodeKind.Branch)]
    [InlineData("jointBranch", NodeKind.JointBranch)]
    [InlineData("JOINTBRANCH", NodeKind.JointBranch)]
    [InlineData("  branch ", NodeKind.Branch)]
    [InlineData("联合党支部", NodeKind.JointBranch)]
    public void TryParse_accepts_api_and_chinese_names_ignoring_case_and_spaces(string text, NodeKind expected)
    {
        Assert.True(NodeKinds.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("village")]
    [InlineData("joint branch")]
    [InlineData("3")]
    public void TryParse_rejects_unknown_names(string? text) => Assert.False(NodeKinds.TryParse(text, out _));

    [Fact]
    public void Api_names_round_trip_through_TryParse()
    {
        foreach (var kind in AllKinds)
        {
            Assert.True(NodeKinds.TryParse(kind.ToApiName(), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal(["province", "city", "county", "school", "partyCommittee", "generalBranch", "branch", "jointBranch"], NodeKinds.ApiNames);
    }

    /// <summary>
    /// Why the hierarchy cannot hold a cycle as long as every parent can hold its child's kind: every kind that can be
    /// held sits strictly lower than any kind that holds it, so every step up a chain climbs, and no chain returns to
    /// where it started. NodeGrain keeps that invariant under concurrent kind changes (HierarchyRaceTests).
    /// </summary>
    [Fact]
    public void Every_kind_a_node_can_hold_ranks_strictly_below_it_so_no_chain_of_holders_can_close_a_cycle()
    {
        foreach (var parent in AllKinds)
        {
            foreach (var child in AllKinds.Where(child => parent.CanHold(child)))
            {
                Assert.True((int)parent < (int)child, $"a {parent.ToApiName()} can hold a {child.ToApiName()}, which does not rank below it");
            }
        }
    }
}
