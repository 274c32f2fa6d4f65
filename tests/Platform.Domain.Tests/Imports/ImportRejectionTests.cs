using Platform.Domain.Hierarchy;
using Platform.Domain.Imports;

namespace Platform.Domain.Tests.Imports;

public sealed class ImportRejectionTests
{
    [Fact]
    public void A_reason_quoting_a_huge_cell_is_cut_and_says_so()
    {
        var rejection = ImportRejection.Of(7, new string('9', 5_000), [new FieldError("kind", $"'{new string('x', 60_000)}' is not a kind")]);

        Assert.Equal(ImportLimits.MaxCodeLength, rejection.Code!.Length);
        var message = Assert.Single(rejection.Errors).Message;
        Assert.Equal(ImportLimits.MaxReasonLength, message.Length);
        Assert.EndsWith("…", message);
        Assert.Equal(7, rejection.Line);
    }

    [Fact]
    public void Many_reasons_keep_the_first_and_count_the_rest()
    {
        var errors = Enumerable.Range(1, 12).Select(i => new FieldError("covers", $"problem {i}")).ToList();
        var rejection = ImportRejection.Of(3, "9430102001-01", errors);

        Assert.Equal(ImportLimits.MaxErrorsPerRejection, rejection.Errors.Count);
        Assert.Equal("problem 1", rejection.Errors[0].Message);
        Assert.StartsWith("and 8 more problems", rejection.Errors[^1].Message);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_and_short_text_is_kept_as_it_is()
    {
        var emoji = string.Concat(Enumerable.Repeat("𠀀", ImportLimits.MaxReasonLength));
        var cut = ImportRejection.Of(2, "", [new FieldError("name", emoji), new FieldError("code", "is required")]);

        Assert.False(char.IsHighSurrogate(cut.Errors[0].Message[^2]));
        Assert.Equal("is required", cut.Errors[1].Message);
        Assert.Null(cut.Code);
    }
}
