using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;

namespace Platform.Grains.Tests.Infrastructure;

/// <summary>A fresh tenant with a star-rated framework, and a hierarchy defined into it level by level, as an import does.</summary>
internal static class TenantSetup
{
    /// <param name="minimumPublicityDays">Null for the default (5 days of 公示 before a campaign may become final).</param>
    public static async Task CreateTenantAsync(IGrainFactory grains, string tenant, int? minimumPublicityDays = null)
    {
        using var _ = CallerContext.As(TestCallers.Operator);
        var created = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenant)).Upsert("测试", RatingScheme.Stars, expectedRevision: null, minimumPublicityDays);
        Assert.True(created.Succeeded, created.Detail);
    }

    /// <summary>Defines every node, parents before children, 64 at a time; every definition must be accepted.</summary>
    public static async Task DefineAllAsync(IGrainFactory grains, string tenant, IEnumerable<NodeDefinition> definitions)
    {
        using var _ = CallerContext.As(TestCallers.Admin(tenant));
        foreach (var level in definitions.GroupBy(d => d.Kind).OrderBy(g => g.Key))
        {
            foreach (var batch in level.Chunk(64))
            {
                await Task.WhenAll(batch.Select(async definition =>
                {
                    var outcome = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, definition.Code)).Define(definition);
                    Assert.True(outcome.Succeeded, $"{definition.Code}: {outcome.Detail}");
                }));
            }
        }
    }
}
