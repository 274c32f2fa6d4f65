using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;

namespace Platform.Domain.Tests.Identity;

public class RoleScopesTests
{
    [Theory]
    [InlineData(Role.TenantAdmin, NodeKind.Province)]
    [InlineData(Role.RegionAdmin, NodeKind.City)]
    [InlineData(Role.RegionAdmin, NodeKind.County)]
    [InlineData(Role.BranchSecretary, NodeKind.Branch)]
    [InlineData(Role.BranchSecretary, NodeKind.JointBranch)]
    [InlineData(Role.Reviewer, NodeKind.City)]
    [InlineData(Role.Viewer, NodeKind.Province)]
    [InlineData(Role.Viewer, NodeKind.School)]
    [InlineData(Role.Viewer, NodeKind.Branch)]
    public void A_role_takes_a_scope_of_its_kinds(Role role, NodeKind kind) => Assert.Null(RoleScopes.Problem(role, kind));

    [Theory]
    [InlineData(Role.TenantAdmin, NodeKind.City)]
    [InlineData(Role.RegionAdmin, NodeKind.Province)]
    [InlineData(Role.RegionAdmin, NodeKind.School)]
    [InlineData(Role.BranchSecretary, NodeKind.GeneralBranch)]
    [InlineData(Role.BranchSecretary, NodeKind.School)]
    [InlineData(Role.Reviewer, NodeKind.County)]
    [InlineData(Role.Operator, NodeKind.Province)]
    public void A_role_refuses_a_scope_of_another_kind_and_says_which_it_takes(Role role, NodeKind kind)
    {
        var problem = RoleScopes.Problem(role, kind);
        Assert.NotNull(problem);
        if (role != Role.Operator)
        {
            Assert.Contains(RoleScopes.KindsFor(role)[0].ToApiName(), problem);
        }
    }
}

public class UsernamesTests
{
    [Theory]
    [InlineData("zhangsan")]
    [InlineData("张三")]
    [InlineData("zhang.san@hn-edu")]
    [InlineData("a1")]
    public void Plain_usernames_are_taken(string username) => Assert.Null(Usernames.Problem(username));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a/b")]
    [InlineData("-lead")]
    [InlineData("has space")]
    public void Usernames_that_could_not_be_keys_are_refused(string username) => Assert.NotNull(Usernames.Problem(username));

    [Fact]
    public void Usernames_compare_without_case() => Assert.Equal(Usernames.Normalise("ZhangSan"), Usernames.Normalise("zhangsan"));
}
