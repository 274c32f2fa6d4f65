using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Hierarchy;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Hierarchy;

[Collection(ClusterCollection.Name)]
public sealed class NodeAncestryTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private static readonly NodeDefinition[] Province =
    [
        new("430000", NodeKind.Province, "省", null),
        new("430100", NodeKind.City, "长沙市", "430000"),
        new("430102", NodeKind.County, "芙蓉区", "430100"),
        new("430103", NodeKind.County, "天心区", "430100"),
        new("9430102001", NodeKind.School, "学校", "430102", SchoolProfile.Default),
        new("9430102001-00", NodeKind.PartyCommittee, "党委", "9430102001"),
        new("9430102001-01", NodeKind.Branch, "支部", "9430102001-00", Members: 5),
    ];

    [Fact]
    public async Task A_path_runs_from_the_province_down_to_the_node_and_an_unknown_code_has_none()
    {
        var tenant = await SetUpAsync("ancestry-path");
        var ancestry = new NodeAncestry(_grains, TimeProvider.System);

        Assert.Equal(["430000", "430100", "430102", "9430102001", "9430102001-00", "9430102001-01"], await ancestry.PathAsync(tenant, "9430102001-01"));
        Assert.True(await ancestry.IsWithinAsync(tenant, "9430102001-01", "430102"));
        Assert.False(await ancestry.IsWithinAsync(tenant, "9430102001-01", "430103"));
        Assert.Null(await ancestry.PathAsync(tenant, "nosuch"));
        Assert.False(await ancestry.IsWithinAsync(tenant, "nosuch", "430000"));
    }

    [Fact]
    public async Task After_a_move_an_invalidated_node_is_found_under_its_new_parent()
    {
        var tenant = await SetUpAsync("ancestry-move");
        var ancestry = new NodeAncestry(_grains, TimeProvider.System);
        Assert.True(await ancestry.IsWithinAsync(tenant, "9430102001-01", "430102"));

        Assert.True((await TestCallers.As(TestCallers.Admin(tenant), () => _grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, "9430102001")).Move("430103"))).Succeeded);
        ancestry.Forget(tenant, "9430102001");

        Assert.True(await ancestry.IsWithinAsync(tenant, "9430102001-01", "430103"));
        Assert.False(await ancestry.IsWithinAsync(tenant, "9430102001-01", "430102"));
    }

    [Fact]
    public async Task A_closed_node_has_no_path()
    {
        var tenant = await SetUpAsync("ancestry-closed");
        var ancestry = new NodeAncestry(_grains, TimeProvider.System);
        Assert.NotNull(await ancestry.PathAsync(tenant, "9430102001-01"));

        Assert.True((await TestCallers.As(TestCallers.Admin(tenant), () => _grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, "9430102001-01")).Close())).Succeeded);
        ancestry.Forget(tenant, "9430102001-01");

        Assert.Null(await ancestry.PathAsync(tenant, "9430102001-01"));
    }

    private async Task<string> SetUpAsync(string tenant)
    {
        await TenantSetup.CreateTenantAsync(_grains, tenant);
        await TenantSetup.DefineAllAsync(_grains, tenant, Province);
        return tenant;
    }
}
