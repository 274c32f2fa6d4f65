using Platform.Domain.Hierarchy;

namespace Platform.Domain.Tests.Hierarchy;

public class NodeCodesTests
{
    [Theory]
    [InlineData(NodeKind.Province, "430000")]
    [InlineData(NodeKind.City, "430100")]
    [InlineData(NodeKind.County, "430102")]
    [InlineData(NodeKind.County, "020235")]
    [InlineData(NodeKind.Province, "000000")]
    public void Region_accepts_a_six_digit_division_code_keeping_leading_zeros(NodeKind kind, string code) =>
        Assert.Null(NodeCodes.Problem(kind, code));

    [Theory]
    [InlineData(NodeKind.Province, "43000")]
    [InlineData(NodeKind.City, "4301000")]
    [InlineData(NodeKind.County, "43010a")]
    [InlineData(NodeKind.County, "43-102")]
    [InlineData(NodeKind.City, "４３０１００")]
    [InlineData(NodeKind.Province, "4301020001")]
    public void Region_rejects_anything_but_six_ascii_digits(NodeKind kind, string code) =>
        Assert.Contains("6-digit", NodeCodes.Problem(kind, code), StringComparison.Ordinal);

    [Theory]
    [InlineData("4301020001")]
    [InlineData("0000000001")]
    public void School_accepts_a_ten_digit_identification_code(string code) =>
        Assert.Null(NodeCodes.Problem(NodeKind.School, code));

    [Theory]
    [InlineData("430102000")]
    [InlineData("43010200011")]
    [InlineData("430000")]
    [InlineData("430102000x")]
    public void School_rejects_anything_but_ten_digits(string code) =>
        Assert.Contains("10-digit", NodeCodes.Problem(NodeKind.School, code), StringComparison.Ordinal);

    [Theory]
    [InlineData(NodeKind.Branch, "B-1")]
    [InlineData(NodeKind.PartyCommittee, "4301020001.dw")]
    [InlineData(NodeKind.JointBranch, "LH_2024_01")]
    [InlineData(NodeKind.GeneralBranch, "x")]
    public void Organisation_accepts_letters_digits_dash_underscore_and_dot(NodeKind kind, string code) =>
        Assert.Null(NodeCodes.Problem(kind, code));

    [Fact]
    public void Organisation_code_of_exactly_the_maximum_length_is_accepted() =>
        Assert.Null(NodeCodes.Problem(NodeKind.Branch, new string('a', NodeCodes.MaxOrganisationCodeLength)));

    [Theory]
    [InlineData("a b")]
    [InlineData("支部1")]
    [InlineData("a/b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Organisation_rejects_other_characters_or_more_than_40(string code) =>
        Assert.NotNull(NodeCodes.Problem(NodeKind.Branch, code));

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("-1")]
    [InlineData("_x")]
    public void Organisation_code_must_start_with_a_letter_or_digit_so_a_url_can_address_it(string code)
    {
        Assert.Contains("starting with a letter or digit", NodeCodes.Problem(NodeKind.Branch, code), StringComparison.Ordinal);
        Assert.False(NodeCodes.IsWellFormed(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Every_kind_requires_a_code(string? code) =>
        Assert.All(Enum.GetValues<NodeKind>(), kind => Assert.Equal("is required", NodeCodes.Problem(kind, code)));

    [Theory]
    [InlineData("430000", true)]
    [InlineData("B-1.x_2", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("../etc", false)]
    [InlineData("a b", false)]
    public void IsWellFormed_accepts_only_what_some_node_could_be_called(string? code, bool expected) =>
        Assert.Equal(expected, NodeCodes.IsWellFormed(code));
}
