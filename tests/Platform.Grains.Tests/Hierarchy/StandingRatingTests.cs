using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Domain.Standing;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Hierarchy;

/// <summary>A branch's standing rating through its grain: every change is kept, the node's own state stays small.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StandingRatingTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_long_history_moves_to_archive_pages_and_is_read_back_whole_and_in_order()
    {
        const string tenant = "standing-archive";
        await TenantSetup.CreateTenantAsync(_grains, tenant);
        using var admin = CallerContext.As(TestCallers.Admin(tenant));
        await TenantSetup.DefineAllAsync(_grains, tenant,
        [
            new("430000", NodeKind.Province, "省", null),
            new("430100", NodeKind.City, "市", "430000"),
            new("430102", NodeKind.County, "区", "430100"),
            new("9430102001", NodeKind.School, "学校", "430102", SchoolProfile.Default),
            new("9430102001-01", NodeKind.Branch, "支部", "9430102001", Members: 10),
        ]);
        var branch = _grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, "9430102001-01"));
        var random = new Random(5);
        var changes = 3 * StandingAssessment.ArchivePageSize + 7;
        int? revision = null;
        var totals = new List<decimal>();
        for (var i = 0; i < changes; i++)
        {
            // Each change by another editor, so the order of the lines read back shows in their actors.
            var editor = new Caller(tenant, $"editor{i}", $"editor{i}", Role.TenantAdmin, "430000");
            var outcome = await TestCallers.As(editor, () => branch.PutAssessment(RandomAssessments.Next(random), revision));
            Assert.True(outcome.Succeeded, outcome.Detail);
            revision = outcome.Value!.Revision;
            totals.Add(outcome.Value.Assessment.Total);
        }

        var history = await branch.GetRatingHistory();

        Assert.Equal(changes, history.Value!.Count);
        Assert.Equal(Enumerable.Range(0, changes).Select(i => $"editor{i}"), history.Value.Select(c => c.Actor));
        Assert.Equal(totals, history.Value.Select(c => c.NewTotal));
        Assert.Equal(totals.SkipLast(1), history.Value.Skip(1).Select(c => c.OldTotal!.Value));
        for (var page = 0; page < 2; page++)
        {
            var archived = await _grains.GetGrain<IRatingHistoryPageGrain>(GrainKeys.RatingHistoryPage(tenant, "9430102001-01", page)).Get();
            Assert.Equal(history.Value.Skip(page * StandingAssessment.ArchivePageSize).Take(StandingAssessment.ArchivePageSize), archived);
        }
    }
}
