using Platform.Domain.Tenancy;

namespace Platform.Domain.Tests.Tenancy;

public class TenantNamesTests
{
    [Theory]
    [InlineData("湖南省教育系统")]
    [InlineData("'; DROP TABLE OrleansStorage; --")]
    public void Any_visible_single_line_name_is_accepted(string name) => Assert.Null(TenantNames.Problem(name));

    [Theory]
    [InlineData("湖南\u0000省")]
    [InlineData("\u0007")]
    [InlineData("\u202E省南湖")]
    [InlineData("湖南\n省")]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_or_invisible_characters_are_refused(string name) => Assert.NotNull(TenantNames.Problem(name));

    [Fact]
    public void At_most_100_characters()
    {
        Assert.Null(TenantNames.Problem(new string('省', TenantNames.MaxLength)));
        Assert.NotNull(TenantNames.Problem(new string('省', TenantNames.MaxLength + 1)));
    }
}
