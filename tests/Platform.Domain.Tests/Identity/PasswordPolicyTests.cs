using Platform.Domain.Identity;

namespace Platform.Domain.Tests.Identity;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData("short1A")]
    [InlineData("onlyletterslong")]
    [InlineData("1234567890123")]
    [InlineData("ab12ab12ab12")]
    [InlineData("zhangsan2026x")]
    public void Weak_passwords_are_refused(string password) => Assert.NotNull(PasswordPolicy.Problem(password, "zhangsan"));

    [Theory]
    [InlineData("correct horse 7 battery")]
    [InlineData("党建五化2026标准")]
    [InlineData("Tr0ub4dor&3x")]
    public void Long_passwords_with_a_letter_and_a_digit_are_taken(string password) => Assert.Null(PasswordPolicy.Problem(password, "zhangsan"));

    [Fact]
    public void Too_long_a_password_is_refused_so_no_hash_is_made_to_run_long() =>
        Assert.NotNull(PasswordPolicy.Problem(new string('a', PasswordPolicy.MaxLength) + "1"));

    [Fact]
    public void Generated_passwords_meet_the_policy_and_differ()
    {
        var generated = Enumerable.Range(0, 200).Select(_ => PasswordPolicy.Generate()).ToList();
        Assert.All(generated, p => Assert.Null(PasswordPolicy.Problem(p)));
        Assert.Equal(generated.Count, generated.Distinct().Count());
    }
}
