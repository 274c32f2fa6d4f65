using Platform.Domain.Tenancy;

namespace Platform.Domain.Tests.Tenancy;

public class TenantIdsTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("hunan")]
    [InlineData("ab")]
    [InlineData("a1")]
    [InlineData("hu-nan-2024")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void Lowercase_slug_starting_with_a_letter_is_accepted(string id)
    {
        Assert.InRange(id.Length, 2, TenantIds.MaxLength);
        Assert.Null(TenantIds.Problem(id));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("A")]
    [InlineData("a")]
    [InlineData("Demo")]
    [InlineData("ab_c")]
    [InlineData("ab c")]
    [InlineData("-ab")]
    [InlineData("hunán")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void Malformed_slug_is_rejected(string id) =>
        Assert.Contains("lowercase", TenantIds.Problem(id), StringComparison.Ordinal);

    [Fact]
    public void Thirty_three_characters_are_one_too_many()
    {
        Assert.Null(TenantIds.Problem(new string('a', 32)));
        Assert.NotNull(TenantIds.Problem(new string('a', 33)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_id_is_required(string? id) => Assert.Equal("is required", TenantIds.Problem(id));
}
