using Platform.Domain.Hierarchy;

namespace Platform.Domain.Tests.Hierarchy;

public class NodeDefinitionRulesTests
{
    private static readonly NodeDefinition Province = new("430000", NodeKind.Province, "湖南省", null);
    private static readonly NodeDefinition City = new("430100", NodeKind.City, "长沙市", "430000");
    private static readonly NodeDefinition School = new("4301020001", NodeKind.School, "长沙市第一中学", "430102", SchoolProfile.Default);
    private static readonly NodeDefinition Branch = new("4301020001-b1", NodeKind.Branch, "第一党支部", "4301020001", Members: 12, ProbationaryMembers: 2);
    private static readonly NodeDefinition Joint = new("LH-01", NodeKind.JointBranch, "联合党支部", "430102", Covers: ["4301020002", "4301020003"]);

    private static string[] Fields(NodeDefinition definition) => NodeDefinitionRules.Validate(definition).Select(e => e.Field).ToArray();

    public static TheoryData<NodeDefinition> ValidDefinitions() => new([Province, City, School, Branch, Joint]);

    [Theory]
    [MemberData(nameof(ValidDefinitions))]
    public void Well_formed_definitions_are_accepted(NodeDefinition definition) => Assert.Empty(NodeDefinitionRules.Validate(definition));

    [Fact]
    public void Province_with_a_parent_is_rejected() =>
        Assert.Equal(["parentCode"], Fields(Province with { ParentCode = "000000" }));

    [Fact]
    public void Province_with_an_empty_parent_code_is_accepted() =>
        Assert.Empty(NodeDefinitionRules.Validate(Province with { ParentCode = "" }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Non_province_without_a_parent_is_rejected(string? parent)
    {
        Assert.Equal(["parentCode"], Fields(City with { ParentCode = parent }));
        Assert.Equal(["parentCode"], Fields(School with { ParentCode = parent }));
        Assert.Equal(["parentCode"], Fields(Branch with { ParentCode = parent }));
    }

    [Fact]
    public void Node_cannot_be_its_own_parent() =>
        Assert.Equal(["parentCode"], Fields(City with { ParentCode = City.Code }));

    [Fact]
    public void Joint_branch_covering_no_school_is_rejected()
    {
        Assert.Equal(["covers"], Fields(Joint with { Covers = [] }));
        Assert.Equal(["covers"], Fields(Joint with { Covers = null }));
    }

    [Fact]
    public void Joint_branch_covering_six_schools_is_rejected()
    {
        var six = Enumerable.Range(1, 6).Select(n => $"430102000{n}").ToList();

        Assert.Equal(["covers"], Fields(Joint with { Covers = six }));
        Assert.Empty(NodeDefinitionRules.Validate(Joint with { Covers = six.Take(5).ToList() }));
    }

    [Fact]
    public void Joint_branch_covering_a_malformed_school_code_is_rejected() =>
        Assert.Equal(["covers"], Fields(Joint with { Covers = ["4301020002", "430102"] }));

    [Fact]
    public void Joint_branch_covering_a_school_twice_is_rejected() =>
        Assert.Equal(["covers"], Fields(Joint with { Covers = ["4301020002", "4301020002"] }));

    [Fact]
    public void Non_joint_branch_with_covers_is_rejected() =>
        Assert.Equal(["covers"], Fields(Branch with { Covers = ["4301020002"] }));

    [Fact]
    public void Negative_members_are_rejected() =>
        Assert.Equal(["members"], Fields(Branch with { Members = -1 }));

    [Fact]
    public void Negative_probationary_members_are_rejected() =>
        Assert.Equal(["probationaryMembers"], Fields(Branch with { ProbationaryMembers = -1 }));

    [Fact]
    public void Members_outside_a_party_organisation_are_rejected()
    {
        Assert.Equal(["members"], Fields(School with { Members = 3 }));
        Assert.Equal(["members"], Fields(City with { ProbationaryMembers = 1 }));
    }

    [Fact]
    public void School_without_a_profile_is_rejected_naming_the_stage() =>
        Assert.Equal(["stage"], Fields(School with { School = null }));

    [Fact]
    public void Non_school_with_a_profile_is_rejected_naming_the_stage() =>
        Assert.Equal(["stage"], Fields(Branch with { School = SchoolProfile.Default }));

    [Fact]
    public void Code_not_fitting_the_kind_is_rejected()
    {
        Assert.Equal(["code"], Fields(School with { Code = "43010200" }));
        Assert.Equal(["code"], Fields(City with { Code = "4301" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_name_is_rejected(string name) => Assert.Equal(["name"], Fields(Branch with { Name = name }));

    [Theory]
    [InlineData("第一\u0000党支部", "U+0000")]
    [InlineData("第一党支部\u0007", "U+0007")]
    [InlineData("\u202E部支党一第", "U+202E")]
    [InlineData("第一\n党支部", "U+000A")]
    public void Name_with_control_or_invisible_characters_is_rejected(string name, string codePoint)
    {
        var error = Assert.Single(NodeDefinitionRules.Validate(Branch with { Name = name }));
        Assert.Equal("name", error.Field);
        Assert.Contains(codePoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_longer_than_100_characters_is_rejected()
    {
        Assert.Equal(["name"], Fields(Branch with { Name = new string('党', NodeDefinitionRules.MaxNameLength + 1) }));
        Assert.Empty(NodeDefinitionRules.Validate(Branch with { Name = new string('党', NodeDefinitionRules.MaxNameLength) }));
    }

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Assert.Equal(["code", "name", "parentCode", "members", "covers"], Fields(new NodeDefinition("bad code", NodeKind.Branch, "", null, Covers: ["4301020001"], Members: -5)));

    [Fact]
    public void SameAs_compares_covered_schools_by_content()
    {
        var copy = Joint with { Covers = [.. Joint.CoveredSchools] };

        Assert.True(Joint.SameAs(copy));
        Assert.False(Joint.SameAs(Joint with { Covers = ["4301020002"] }));
        Assert.True(Branch.SameAs(Branch with { Covers = [] }));
    }
}
