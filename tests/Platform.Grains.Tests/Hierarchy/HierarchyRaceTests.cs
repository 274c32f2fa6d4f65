using Orleans.Runtime;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Hierarchy;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Grains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Grains.Tests.Hierarchy;

/// <summary>
/// Races moves, import-style redefinitions (a kind change with a new parent), closes, reopenings and assessments on
/// random trees, many at once, and checks after quiescence what no interleaving may break: no cycle, no node under a
/// parent whose kind cannot hold it, every parent listing exactly its children, every node equal to a recomputation
/// from the leaves, and every node still readable after everything is deactivated and reloaded.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HierarchyRaceTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const int Rounds = 40;
    private const int OperationsPerRound = 10;

    private static readonly NodeKind[] OrganisationKinds = [NodeKind.PartyCommittee, NodeKind.GeneralBranch, NodeKind.Branch];

    private readonly IGrainFactory _grains = fixture.Grains;

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(41)]
    public async Task No_interleaving_of_moves_redefinitions_closes_and_assessments_corrupts_the_hierarchy(int seed)
    {
        var random = new Random(seed);
        var tenant = $"race{seed}";
        await TenantSetup.CreateTenantAsync(_grains, tenant);
        using var admin = CallerContext.As(TestCallers.Admin(tenant));
        var definitions = RandomProvince.Generate(random, cities: 2, countiesPerCity: 2, schoolsPerCounty: 6);
        var pairs = ContestedPairs(definitions, Rounds);
        await TenantSetup.DefineAllAsync(_grains, tenant, [.. definitions, .. pairs.SelectMany(p => new[] { p.P, p.G })]);
        var universe = definitions.ToDictionary(d => d.Code, StringComparer.Ordinal);
        foreach (var (p, g) in pairs)
        {
            universe[p.Code] = p;
            universe[g.Code] = g;
        }

        var operations = 0;
        var accepted = 0;

        // A parent taking a child answers after up to 20 ms, as on a loaded cluster: the window in which a node waits
        // for its new parent is then wide enough for every interleaving to happen, not one race in forty.
        var delays = new Random(seed);
        using var slowAttach = FaultInjection.Delay(nameof(INodeGrain.AttachChild), () =>
        {
            lock (delays)
            {
                return TimeSpan.FromMilliseconds(delays.Next(21));
            }
        });
        for (var round = 0; round < Rounds; round++)
        {
            var (p, g) = pairs[round];
            var batch = Enumerable.Range(0, OperationsPerRound - 2).Select(_ => NextOperation(tenant, universe, random))
                .Append(async () => (await Node(tenant, p.Code).Define(Redefined(p, NodeKind.Branch, g.Code))).Succeeded)
                .Append(async () => (await Node(tenant, g.Code).Move(p.Code)).Succeeded)
                .ToList();
            var outcomes = await Task.WhenAll(batch.Select(operation => operation()));
            operations += outcomes.Length;
            accepted += outcomes.Count(succeeded => succeeded);
        }

        output.WriteLine($"seed {seed}: {Rounds} rounds of {OperationsPerRound} concurrent operations, {operations} in all, {accepted} accepted");
        Assert.True(accepted > operations / 10, $"only {accepted} of {operations} operations were accepted: the races test too little");

        await AssertSoundAsync(tenant, universe.Keys);
        await _grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await AssertSoundAsync(tenant, universe.Keys);
    }

    /// <summary>
    /// Per round, a childless party committee P and a general branch G, side by side under one school: each round races
    /// the interleaving that used to build a cycle, P redefined as a branch under G (as an import does) while G moves
    /// under P. Either may win; both may not.
    /// </summary>
    private static List<(NodeDefinition P, NodeDefinition G)> ContestedPairs(IReadOnlyList<NodeDefinition> definitions, int count)
    {
        var schools = definitions.Where(d => d.Kind == NodeKind.School).ToList();
        return Enumerable.Range(0, count).Select(i =>
        {
            var school = schools[i % schools.Count].Code;
            return (new NodeDefinition($"{school}-P{i:D2}", NodeKind.PartyCommittee, $"党委P{i}", school),
                new NodeDefinition($"{school}-G{i:D2}", NodeKind.GeneralBranch, $"总支G{i}", school));
        }).ToList();
    }

    /// <summary>One random structural change, or P redefined as a branch under G while G moves under P.</summary>
    private Func<Task<bool>> NextOperation(string tenant, Dictionary<string, NodeDefinition> universe, Random random)
    {
        var organisations = universe.Values.Where(d => d.Kind is NodeKind.PartyCommittee or NodeKind.GeneralBranch or NodeKind.Branch).ToList();
        var holders = universe.Values.Where(d => d.Kind is NodeKind.County or NodeKind.School or NodeKind.PartyCommittee or NodeKind.GeneralBranch).ToList();
        var p = organisations[random.Next(organisations.Count)];
        var g = organisations[random.Next(organisations.Count)];
        var target = holders[random.Next(holders.Count)];
        var kind = OrganisationKinds[random.Next(OrganisationKinds.Length)];
        var scores = RandomAssessments.Next(random);
        return random.Next(6) switch
        {
            0 => async () => (await Node(tenant, p.Code).Define(Redefined(p, NodeKind.Branch, g.Code))).Succeeded
                & (await Node(tenant, g.Code).Move(p.Code)).Succeeded,
            1 => async () =>
            {
                var redefine = Node(tenant, p.Code).Define(Redefined(p, NodeKind.Branch, g.Code));
                var move = Node(tenant, g.Code).Move(p.Code);
                return (await redefine).Succeeded | (await move).Succeeded;
            },
            2 => async () => (await Node(tenant, p.Code).Move(target.Code)).Succeeded,
            3 => async () => (await Node(tenant, p.Code).Define(Redefined(p, kind, target.Code))).Succeeded,
            4 => async () => (await Node(tenant, p.Code).Close()).Succeeded,
            _ => async () =>
            {
                var current = await Node(tenant, p.Code).GetAssessment();
                return (await Node(tenant, p.Code).PutAssessment(scores, current.Succeeded ? current.Value!.Revision : null)).Succeeded;
            },
        };
    }

    private static NodeDefinition Redefined(NodeDefinition original, NodeKind kind, string parent) =>
        original with { Kind = kind, ParentCode = parent };

    private async Task AssertSoundAsync(string tenant, IEnumerable<string> codes)
    {
        var nodes = new Dictionary<string, (NodeInfo Info, IReadOnlyList<ChildRollup> Children)>(StringComparer.Ordinal);
        var model = new TreeModel();
        foreach (var code in codes)
        {
            var view = await Node(tenant, code).GetView(ChildrenQuery.Default).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.NotNull(view);
            nodes[code] = (view.Info, await Node(tenant, code).GetChildren());
            model.Define(view.Info.Definition);
            model.Nodes[code].Closed = view.Info.Closed;
            var assessment = await Node(tenant, code).GetAssessment();
            model.Nodes[code].Assessment = assessment.Succeeded ? assessment.Value!.Assessment : null;
        }

        var open = nodes.Where(n => !n.Value.Info.Closed).ToDictionary(n => n.Key, n => n.Value.Info.Definition, StringComparer.Ordinal);
        foreach (var (code, definition) in open)
        {
            // Walking up from any open node reaches the province in fewer steps than there are kinds.
            var steps = 0;
            for (var at = definition; at.ParentCode is { } parentCode; at = open[parentCode])
            {
                Assert.True(open.ContainsKey(parentCode), $"{at.Code} is under '{parentCode}', which is not an open node");
                Assert.True(open[parentCode].Kind.CanHold(at.Kind), $"a {open[parentCode].Kind.ToApiName()} ('{parentCode}') holds a {at.Kind.ToApiName()} ('{at.Code}')");
                Assert.True(++steps < 8, $"walking up from {code} does not reach the province: a cycle");
            }

            var listed = nodes[code].Children.Select(c => c.Code).Order(StringComparer.Ordinal);
            var actual = open.Values.Where(d => d.ParentCode == code).Select(d => d.Code).Order(StringComparer.Ordinal);
            Assert.Equal(actual, listed);
        }

        await EventuallyExactAsync(tenant, model, RandomProvince.Root);
        foreach (var code in open.Keys)
        {
            Assert.Equal(model.Expected(code), (await Node(tenant, code).GetSummary())!.Summary);
        }
    }

    private async Task EventuallyExactAsync(string tenant, TreeModel model, string code)
    {
        var expected = model.Expected(code);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        Summary? actual;
        do
        {
            actual = (await Node(tenant, code).GetSummary())!.Summary;
            if (actual == expected)
            {
                return;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(expected, actual);
    }

    private INodeGrain Node(string tenant, string code) => _grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, code));
}
