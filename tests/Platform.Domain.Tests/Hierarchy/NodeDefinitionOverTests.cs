using Platform.Domain.Hierarchy;

namespace Platform.Domain.Tests.Hierarchy;

public sealed class NodeDefinitionOverTests
{
    private static readonly NodeDefinition StoredBranch = new("9430102001-01", NodeKind.Branch, "第一党支部", "9430102001-00", Members: 20, ProbationaryMembers: 2);
    private static readonly NodeDefinition StoredSchool = new("9430102001", NodeKind.School, "一中", "430102", new SchoolProfile(SchoolStage.SeniorSecondary, true, true));

    [Fact]
    public void An_omitted_member_count_keeps_the_stored_count()
    {
        var row = StoredBranch with { Name = "改名党支部", Members = 0, ProbationaryMembers = 0, Omitted = NodeFields.Members | NodeFields.ProbationaryMembers };

        var merged = row.Over(StoredBranch);

        Assert.Equal((20, 2, "改名党支部", NodeFields.None), (merged.Members, merged.ProbationaryMembers, merged.Name, merged.Omitted));
    }

    [Fact]
    public void A_given_count_replaces_the_stored_one_even_when_it_is_zero()
    {
        var row = StoredBranch with { Members = 0, Omitted = NodeFields.ProbationaryMembers };

        var merged = row.Over(StoredBranch);

        Assert.Equal((0, 2), (merged.Members, merged.ProbationaryMembers));
    }

    [Fact]
    public void Omitted_fields_of_a_new_node_take_the_defaults()
    {
        var row = new NodeDefinition("9430102009", NodeKind.School, "新学校", "430102", SchoolProfile.Default,
            Omitted: NodeFields.Stage | NodeFields.Ownership | NodeFields.Location);

        var merged = row.Over(null);

        Assert.Equal(SchoolProfile.Default, merged.School);
        Assert.Equal(NodeFields.None, merged.Omitted);
    }

    [Fact]
    public void Each_omitted_school_attribute_is_kept_on_its_own()
    {
        var row = StoredSchool with { School = new SchoolProfile(SchoolStage.Primary, false, false), Omitted = NodeFields.Ownership | NodeFields.Location };

        var merged = row.Over(StoredSchool);

        Assert.Equal(new SchoolProfile(SchoolStage.Primary, true, true), merged.School);
    }

    [Fact]
    public void A_row_that_omits_what_the_node_has_is_the_same_as_the_stored_node()
    {
        var row = StoredSchool with { School = SchoolProfile.Default, Omitted = NodeFields.Stage | NodeFields.Ownership | NodeFields.Location };

        Assert.True(row.Over(StoredSchool).SameAs(StoredSchool));
    }

    [Fact]
    public void Omitted_covers_keep_the_joint_branch_schools()
    {
        var stored = new NodeDefinition("430102-LH01", NodeKind.JointBranch, "联合党支部", "430102", Covers: ["9430102001", "9430102002"], Members: 5);
        var row = stored with { Covers = null, Members = 0, Omitted = NodeFields.Covers | NodeFields.Members };

        var merged = row.Over(stored);

        Assert.True(merged.SameAs(stored));
        Assert.Empty(NodeDefinitionRules.Validate(merged));
    }
}
