using Platform.Domain.Campaigns;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;

namespace Platform.Domain.Tests.Identity;

/// <summary>The permission matrix of docs/domain.md §1, row by row, and where each role's scope reaches.</summary>
public class AccessRulesTests
{
    private static readonly RosterBranch Branch = new("9430102001-01", "一支部", NodeKind.Branch, "9430102001", "9430102001", "430102", "430102", "430100");

    [Theory]
    [InlineData(Operation.ChangeTenant)]
    [InlineData(Operation.PublishFramework)]
    [InlineData(Operation.ImportHierarchy)]
    [InlineData(Operation.CorrectRating)]
    [InlineData(Operation.CreateCampaign)]
    [InlineData(Operation.AdvanceCampaign)]
    public void Only_a_tenant_admin_changes_the_tenant_its_framework_its_hierarchy_by_import_corrections_and_campaigns(Operation operation) =>
        Assert.Equal([Role.TenantAdmin], AccessRules.RolesFor(operation));

    [Theory]
    [InlineData(Operation.MoveNode)]
    [InlineData(Operation.CloseNode)]
    [InlineData(Operation.RecordBaseline)]
    [InlineData(Operation.RecordVeto)]
    [InlineData(Operation.Review)]
    [InlineData(Operation.DecideAppeal)]
    [InlineData(Operation.ManageAccounts)]
    public void Tenant_and_region_admins_move_close_assess_veto_review_decide_appeals_and_manage_accounts(Operation operation) =>
        Assert.Equal([Role.TenantAdmin, Role.RegionAdmin], AccessRules.RolesFor(operation));

    [Fact]
    public void A_branch_secretary_alone_self_assesses_and_appeals_and_a_reviewer_alone_cross_checks()
    {
        Assert.Equal([Role.BranchSecretary], AccessRules.RolesFor(Operation.SelfAssess));
        Assert.Equal([Role.BranchSecretary], AccessRules.RolesFor(Operation.Appeal));
        Assert.Equal([Role.Reviewer], AccessRules.RolesFor(Operation.CrossCheck));
    }

    [Fact]
    public void A_viewer_reads_and_writes_nothing_and_the_operator_only_manages_tenants()
    {
        Assert.Equal([Operation.Read, Operation.ReadTenantWide, Operation.ReadProvinceWide, Operation.ReadAudit],
            Enum.GetValues<Operation>().Where(o => !AccessRules.IsWrite(o)));
        var writes = Enum.GetValues<Operation>().Where(AccessRules.IsWrite).ToList();
        Assert.All(writes, w => Assert.False(AccessRules.Permits(Role.Viewer, w), $"a viewer may {w}"));
        Assert.True(AccessRules.Permits(Role.Viewer, Operation.ReadProvinceWide));

        // The audit log is the admins': who did what across a subtree is not a leader's read.
        Assert.Equal([Role.TenantAdmin, Role.RegionAdmin], AccessRules.RolesFor(Operation.ReadAudit));
        Assert.Equal([Operation.ManageTenants], Enum.GetValues<Operation>().Where(o => AccessRules.Permits(Role.Operator, o)));
    }

    [Fact]
    public void Every_role_of_a_tenant_reads_in_its_scope_and_only_the_platform_makes_results_official()
    {
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Operator))
        {
            Assert.True(AccessRules.Permits(role, Operation.Read));
            Assert.True(AccessRules.Permits(role, Operation.ReadTenantWide));
            Assert.False(AccessRules.Permits(role, Operation.FinaliseResults));
        }

        Assert.All(Enum.GetValues<Operation>(), o => Assert.True(AccessRules.Permits(Role.Operator, o, platform: true)));
    }

    [Fact]
    public void A_refusal_names_the_roles_that_may_and_tells_the_operator_to_use_a_tenant_account()
    {
        Assert.Equal("a viewer may not publish a framework version: that is for a tenantAdmin", AccessRules.Refusal(Role.Viewer, Operation.PublishFramework));
        Assert.Equal("a regionAdmin may not cross-check a branch: that is for a reviewer", AccessRules.Refusal(Role.RegionAdmin, Operation.CrossCheck));
        Assert.Contains("sign in with an account of the tenant", AccessRules.Refusal(Role.Operator, Operation.Read));
        Assert.All(Enum.GetValues<Operation>(), o => Assert.False(string.IsNullOrEmpty(AccessRules.Describe(o))));
    }

    [Fact]
    public void A_scope_covers_its_own_subtree_and_nothing_beside_or_above_it()
    {
        string[] path = ["430000", "430100", "430102", "9430102001", "9430102001-01"];
        Assert.True(AccessRules.Covers(Role.RegionAdmin, "430100", path));
        Assert.True(AccessRules.Covers(Role.BranchSecretary, "9430102001-01", path));
        Assert.False(AccessRules.Covers(Role.RegionAdmin, "430200", path));
        Assert.False(AccessRules.Covers(Role.Viewer, "9430102001-02", path));
        Assert.False(AccessRules.Covers(Role.RegionAdmin, "430102", ["430000", "430100"]));
        Assert.False(AccessRules.Covers(Role.RegionAdmin, null, path));

        // A node that does not exist (no path) is in nobody's scope but the tenant admin's, who sees the whole tenant.
        Assert.False(AccessRules.Covers(Role.Viewer, "430000", (IReadOnlyList<string>?)null));
        Assert.True(AccessRules.Covers(Role.TenantAdmin, null, path));
    }

    [Fact]
    public void Province_wide_reads_need_the_tenant_admin_or_an_account_scoped_at_the_province()
    {
        Assert.True(AccessRules.IsProvinceWide(Role.TenantAdmin, null));
        Assert.True(AccessRules.IsProvinceWide(Role.Viewer, ["430000"]));
        Assert.False(AccessRules.IsProvinceWide(Role.Viewer, ["430000", "430100"]));
        Assert.False(AccessRules.IsProvinceWide(Role.RegionAdmin, ["430000", "430100"]));
        Assert.False(AccessRules.IsProvinceWide(Role.Viewer, null));
    }

    [Theory]
    [InlineData(Role.BranchSecretary, "9430102001-01", true)]
    [InlineData(Role.BranchSecretary, "9430102001-02", false)]
    [InlineData(Role.RegionAdmin, "430102", true)]
    [InlineData(Role.RegionAdmin, "430100", true)]
    [InlineData(Role.RegionAdmin, "430103", false)]
    [InlineData(Role.RegionAdmin, "430200", false)]
    [InlineData(Role.Viewer, "9430102001", true)]
    [InlineData(Role.TenantAdmin, null, true)]
    public void A_campaign_branch_is_covered_where_the_roster_placed_it(Role role, string? scope, bool covered) =>
        Assert.Equal(covered, AccessRules.Covers(role, scope, Branch));

    [Theory]
    [InlineData("430200", "430200", CampaignStage.CrossCheck, true)]
    [InlineData("430100", "430200", CampaignStage.CrossCheck, false)]
    [InlineData("430200", "430200", CampaignStage.Review, false)]
    [InlineData("430200", "430200", CampaignStage.Publicity, false)]
    [InlineData(null, null, CampaignStage.CrossCheck, false)]
    public void A_reviewer_holds_an_assignment_only_for_its_city_and_only_while_the_check_is_open(string? reviewer, string? assigned, CampaignStage stage, bool holds) =>
        Assert.Equal(holds, AccessRules.HoldsOpenAssignment(reviewer, assigned, stage));
}
