using Orleans.Runtime;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;
using Platform.Grains.Tests.Infrastructure;

namespace Platform.Grains.Tests.Hierarchy;

/// <summary>
/// The rollup guarantee: after any mix of assessments, duplicate and stale deliveries, moves, closes and
/// reactivations, every node's summary equals a from-scratch recomputation over the leaves.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollupExactnessTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    public async Task Every_node_equals_a_recomputation_from_the_leaves_after_random_updates_duplicates_and_moves(int seed)
    {
        var random = new Random(seed);
        var tenant = $"t{seed}";
        using var admin = CallerContext.As(TestCallers.Admin(tenant));
        var model = new TreeModel();
        await TenantSetup.CreateTenantAsync(_grains, tenant);

        var definitions = RandomProvince.Generate(random, cities: 3, countiesPerCity: 4, schoolsPerCounty: 60);
        await DefineAllAsync(tenant, model, definitions);
        Assert.True(model.Open.Count(n => n.Definition.Kind.IsOrganisation()) > 1000);

        var rated = model.Open.Where(n => n.Definition.Kind.IsRated()).Select(n => n.Definition.Code).ToList();
        await ParallelAsync(rated.Where(_ => random.Next(10) < 7).ToList(), code => AssessAsync(tenant, model, code, random));

        // Remember some reports now, to deliver them again, stale, after newer ones.
        var stale = await ProbeAsync(tenant, model.Open.Select(n => n.Definition.Code).OrderBy(_ => random.Next()).Take(200).ToList());

        await ParallelAsync(rated.OrderBy(_ => random.Next()).Take(300).ToList(), code => AssessAsync(tenant, model, code, random));
        await MoveAsync(tenant, model, random, NodeKind.School, under: NodeKind.County, count: 25);
        await MoveAsync(tenant, model, random, NodeKind.Branch, under: NodeKind.School, count: 25);
        await CloseLeavesAsync(tenant, model, random, count: 15);
        await RenameAndResizeAsync(tenant, model, random, count: 20);

        await RedeliverAsync(tenant, stale);
        await RedeliverAsync(tenant, await ProbeAsync(tenant, model.Open.Select(n => n.Definition.Code).OrderBy(_ => random.Next()).Take(200).ToList()));

        // Deactivate everything while reports are still pending: a child and its parent deactivating together
        // must neither wait on each other nor drop the last report.
        var deactivation = System.Diagnostics.Stopwatch.StartNew();
        await _grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.True(deactivation.Elapsed < TimeSpan.FromSeconds(10), $"deactivating took {deactivation.Elapsed}");

        await AssertConvergedAsync(tenant, model);

        // Deactivate everything: regions reload their checkpoints, the rest rebuild from their children.
        await _grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await AssertConvergedAsync(tenant, model);

        // And keep working after reactivation.
        await ParallelAsync(rated.Where(c => !model.Nodes[c].Closed).OrderBy(_ => random.Next()).Take(100).ToList(), code => AssessAsync(tenant, model, code, random));
        await MoveAsync(tenant, model, random, NodeKind.School, under: NodeKind.County, count: 5);
        await AssertConvergedAsync(tenant, model);
    }

    private async Task DefineAllAsync(string tenant, TreeModel model, IReadOnlyList<NodeDefinition> definitions)
    {
        await TenantSetup.DefineAllAsync(_grains, tenant, definitions);
        foreach (var definition in definitions)
        {
            model.Define(definition);
        }
    }

    private async Task AssessAsync(string tenant, TreeModel model, string code, Random random)
    {
        var node = model.Nodes[code];
        Domain.Scoring.AssessmentInput input;
        lock (random)
        {
            input = RandomAssessments.Next(random);
        }

        var outcome = await Node(tenant, code).PutAssessment(input, node.Assessment is null ? null : node.Revision);
        Assert.True(outcome.Succeeded, $"{code}: {outcome.Detail}");
        node.Assessment = outcome.Value!.Assessment;
        node.Revision = outcome.Value.Revision;
    }

    /// <summary>Moves <paramref name="count"/> random open nodes of one kind under random nodes of another (理顺隶属关系).</summary>
    private async Task MoveAsync(string tenant, TreeModel model, Random random, NodeKind kind, NodeKind under, int count)
    {
        var targets = model.Open.Where(n => n.Definition.Kind == under).Select(n => n.Definition.Code).ToList();
        foreach (var node in model.Open.Where(n => n.Definition.Kind == kind).OrderBy(_ => random.Next()).Take(count).ToList())
        {
            var target = targets[random.Next(targets.Count)];
            var moved = await Node(tenant, node.Definition.Code).Move(target);
            Assert.True(moved.Succeeded, moved.Detail);
            node.Definition = node.Definition with { ParentCode = target };
        }
    }

    private async Task CloseLeavesAsync(string tenant, TreeModel model, Random random, int count)
    {
        foreach (var branch in model.Open.Where(n => n.Definition.Kind.IsRated()).OrderBy(_ => random.Next()).Take(count).ToList())
        {
            var closed = await Node(tenant, branch.Definition.Code).Close();
            Assert.True(closed.Succeeded, closed.Detail);
            branch.Closed = true;
        }
    }

    private async Task RenameAndResizeAsync(string tenant, TreeModel model, Random random, int count)
    {
        foreach (var branch in model.Open.Where(n => n.Definition.Kind == NodeKind.Branch).OrderBy(_ => random.Next()).Take(count).ToList())
        {
            var changed = branch.Definition with { Name = branch.Definition.Name + "（更名）", Members = random.Next(3, 60) };
            var outcome = await Node(tenant, changed.Code).Define(changed);
            Assert.Equal(NodeChange.Updated, outcome.Value);
            branch.Definition = changed;
        }
    }

    private async Task<List<(string Parent, ChildRollup Rollup)>> ProbeAsync(string tenant, IReadOnlyList<string> codes)
    {
        var reports = new List<(string, ChildRollup)>();
        foreach (var code in codes)
        {
            var probe = await Node(tenant, code).Probe();
            if (probe is { Exists: true, ParentCode: { } parent, Rollup: { } rollup })
            {
                reports.Add((parent, rollup));
            }
        }

        return reports;
    }

    /// <summary>Delivers reports again: duplicates of current ones, and stale ones older than what the parent holds.</summary>
    private async Task RedeliverAsync(string tenant, IEnumerable<(string Parent, ChildRollup Rollup)> reports)
    {
        foreach (var (parent, rollup) in reports)
        {
            await Node(tenant, parent).ReportChild(rollup);
            await Node(tenant, parent).ReportChild(rollup);
        }
    }

    private async Task AssertConvergedAsync(string tenant, TreeModel model)
    {
        var expectedRoot = model.Expected(RandomProvince.Root);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Summary? root = null;
        while (DateTime.UtcNow < deadline)
        {
            root = (await Node(tenant, RandomProvince.Root).GetSummary())!.Summary;
            if (root == expectedRoot)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal(expectedRoot, root);

        // Quiet now: every node, not just the root, must equal its own recomputation.
        var mismatches = new List<string>();
        foreach (var node in model.Open)
        {
            var actual = (await Node(tenant, node.Definition.Code).GetSummary())!.Summary;
            if (actual != model.Expected(node.Definition.Code))
            {
                mismatches.Add(node.Definition.Code);
            }
        }

        Assert.Empty(mismatches);
    }

    private INodeGrain Node(string tenant, string code) => _grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code));

    private static async Task ParallelAsync<T>(IReadOnlyList<T> items, Func<T, Task> action)
    {
        foreach (var batch in items.Chunk(64))
        {
            await Task.WhenAll(batch.Select(action));
        }
    }
}
