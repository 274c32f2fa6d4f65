using Platform.Domain.Text;

namespace Platform.Domain.Tests.Text;

public class TextRulesTests
{
    [Theory]
    [InlineData("长沙市第一中学党支部")]
    [InlineData("Branch 3 (高中部)")]
    [InlineData("𠀀 supplementary plane")]
    public void Ordinary_names_in_Chinese_and_English_pass(string name) =>
        Assert.Null(TextRules.Problem(name, 100));

    [Theory]
    [InlineData("a\0b", "U+0000")]
    [InlineData("bell\a", "U+0007")]
    [InlineData("\u202E名称", "U+202E")]
    [InlineData("zero\u200Bwidth", "U+200B")]
    [InlineData("iso\u2066late", "U+2066")]
    [InlineData("bom\uFEFF", "U+FEFF")]
    [InlineData("line\nbreak", "U+000A")]
    public void Control_and_invisible_characters_are_refused_with_their_code_point(string text, string codePoint) =>
        Assert.Contains(codePoint, TextRules.Problem(text, 100), StringComparison.Ordinal);

    [Fact]
    public void A_lone_surrogate_is_refused() =>
        Assert.Contains("U+D800", TextRules.Problem("a\uD800b", 100), StringComparison.Ordinal);

    [Fact]
    public void Multi_line_text_keeps_its_line_breaks_and_tabs_but_not_other_controls()
    {
        Assert.Null(TextRules.Problem("第一行\r\n第二行\t缩进", 100, TextShape.MultiLine));
        Assert.NotNull(TextRules.Problem("第一行\u0007", 100, TextShape.MultiLine));
    }

    [Fact]
    public void Length_is_bounded() =>
        Assert.Contains("at most 5", TextRules.Problem("123456", 5), StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Required_text_cannot_be_blank(string? text) =>
        Assert.NotNull(TextRules.Problem(text, 10));

    [Fact]
    public void Optional_text_may_be_absent_but_not_only_whitespace()
    {
        Assert.Null(TextRules.Problem(null, 10, required: false));
        Assert.Null(TextRules.Problem("", 10, required: false));
        Assert.NotNull(TextRules.Problem("  ", 10, required: false));
    }
}
