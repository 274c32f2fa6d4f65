using Platform.Domain.Hierarchy;
using Platform.Domain.Rollups;

namespace Platform.Domain.Tests.Rollups;

public class RollupLedgerTests
{
    private static Summary Schools(int count) => new() { Schools = count, CoveredSchools = count };

    private static ChildRollup Report(string code, long version, Summary summary) => new(code, NodeKind.County, code, version, summary);

    private static long NodeVersion(RollupLedger ledger) => ledger.RetiredVersions + ledger.ChildVersions;

    [Fact]
    public void Attached_child_starts_as_a_placeholder_at_version_zero()
    {
        var ledger = new RollupLedger();

        Assert.True(ledger.Attach("430102", NodeKind.County, "芙蓉区"));

        var held = Assert.IsType<ChildRollup>(ledger.Find("430102"));
        Assert.Equal(0, held.Version);
        Assert.Equal(Summary.Zero, held.Summary);
        Assert.Equal("芙蓉区", held.Name);
        Assert.Equal(1, ledger.Count);
        Assert.Equal(0, NodeVersion(ledger));
    }

    [Fact]
    public void Attaching_twice_is_refused_and_keeps_what_was_held()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");
        ledger.Apply(Report("a", 3, Schools(2)));

        Assert.False(ledger.Attach("a", NodeKind.County, "again"));
        Assert.Equal(3, ledger.Find("a")!.Version);
        Assert.Equal(Schools(2), ledger.Total);
    }

    [Fact]
    public void Newer_report_replaces_the_held_summary()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");
        ledger.Attach("b", NodeKind.County, "b");

        Assert.True(ledger.Apply(Report("a", 1, Schools(2))));
        Assert.True(ledger.Apply(Report("b", 4, Schools(5))));
        Assert.True(ledger.Apply(Report("a", 2, Schools(3))));

        Assert.Equal(Schools(8), ledger.Total);
        Assert.Equal(6, ledger.ChildVersions);
    }

    [Fact]
    public void Duplicate_report_is_ignored()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");
        var report = Report("a", 5, Schools(2));
        ledger.Apply(report);

        Assert.False(ledger.Apply(report));
        Assert.False(ledger.Apply(report with { Summary = Schools(9) }));

        Assert.Equal(Schools(2), ledger.Total);
        Assert.Equal(5, ledger.ChildVersions);
    }

    [Fact]
    public void Stale_report_delivered_late_is_ignored()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");
        ledger.Apply(Report("a", 7, Schools(4)));

        Assert.False(ledger.Apply(Report("a", 6, Schools(1))));

        Assert.Equal(Schools(4), ledger.Total);
        Assert.Equal(7, ledger.Find("a")!.Version);
    }

    [Fact]
    public void Report_at_version_zero_or_below_is_ignored()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");

        Assert.False(ledger.Apply(Report("a", 0, Schools(1))));
        Assert.False(ledger.Apply(Report("a", -3, Schools(1))));
        Assert.Equal(Summary.Zero, ledger.Total);
    }

    [Fact]
    public void Report_for_an_unattached_child_is_ignored()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");

        Assert.False(ledger.Apply(Report("stranger", 1, Schools(3))));

        Assert.Equal(Summary.Zero, ledger.Total);
        Assert.False(ledger.Contains("stranger"));
        Assert.Equal(1, ledger.Count);
    }

    [Fact]
    public void Detach_removes_the_child_and_retires_its_version_plus_one()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");
        ledger.Attach("b", NodeKind.County, "b");
        ledger.Apply(Report("a", 4, Schools(2)));
        ledger.Apply(Report("b", 1, Schools(1)));

        Assert.True(ledger.Detach("a"));

        Assert.Equal(Schools(1), ledger.Total);
        Assert.Equal(1, ledger.ChildVersions);
        Assert.Equal(5, ledger.RetiredVersions);
        Assert.Equal(6, NodeVersion(ledger));
        Assert.Equal(["b"], ledger.Codes);
    }

    [Fact]
    public void Detaching_an_unheard_child_still_raises_the_node_version()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");

        Assert.True(ledger.Detach("a"));

        Assert.Equal(1, NodeVersion(ledger));
    }

    [Fact]
    public void Detaching_an_unknown_child_is_refused_and_changes_nothing()
    {
        var ledger = new RollupLedger(retiredVersions: 3);

        Assert.False(ledger.Detach("a"));

        Assert.Equal(3, ledger.RetiredVersions);
        Assert.Equal(Summary.Zero, ledger.Total);
    }

    [Fact]
    public void Report_arriving_after_detach_is_ignored()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");
        ledger.Apply(Report("a", 2, Schools(2)));
        ledger.Detach("a");

        Assert.False(ledger.Apply(Report("a", 3, Schools(5))));

        Assert.Equal(Summary.Zero, ledger.Total);
        Assert.Equal(0, ledger.Count);
        Assert.Equal(3, NodeVersion(ledger));
    }

    [Fact]
    public void Re_attached_child_starts_afresh_and_the_node_version_keeps_growing()
    {
        var ledger = new RollupLedger();
        ledger.Attach("a", NodeKind.County, "a");
        ledger.Apply(Report("a", 9, Schools(2)));
        ledger.Detach("a");
        var before = NodeVersion(ledger);

        Assert.True(ledger.Attach("a", NodeKind.County, "a"));
        Assert.Equal(0, ledger.Find("a")!.Version);
        Assert.True(ledger.Apply(Report("a", 10, Schools(6))));

        Assert.Equal(Schools(6), ledger.Total);
        Assert.True(NodeVersion(ledger) > before);
    }

    [Fact]
    public void Restoring_a_ledger_from_its_children_gives_the_same_total_and_versions()
    {
        var ledger = new RollupLedger();
        var rng = new Random(5);
        for (var i = 0; i < 10; i++)
        {
            var code = $"c{i}";
            ledger.Attach(code, NodeKind.School, code);
            ledger.Apply(new ChildRollup(code, NodeKind.School, code, rng.Next(1, 20), RandomData.Subtree(rng)));
        }

        ledger.Detach("c3");

        var restored = new RollupLedger(ledger.RetiredVersions, ledger.Children.ToList());

        Assert.Equal(ledger.Total, restored.Total);
        Assert.Equal(ledger.ChildVersions, restored.ChildVersions);
        Assert.Equal(ledger.RetiredVersions, restored.RetiredVersions);
        Assert.Equal(ledger.Codes.Order(), restored.Codes.Order());
        Assert.NotEqual(Summary.Zero, restored.Total);
    }

    /// <summary>
    /// Random attaches, detaches and reports — new, duplicated, stale and delivered out of order — checked after every
    /// operation against a model the test keeps itself.
    /// </summary>
    [Fact]
    public void Total_and_versions_match_an_independent_model_through_random_operations()
    {
        const int Iterations = 40;
        const int Operations = 300;
        var codes = Enumerable.Range(0, 20).Select(n => $"43{n:D4}").ToArray();
        var accepted = 0;
        var refused = 0;

        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var rng = new Random(1000 + iteration);
            var pool = Enumerable.Range(0, 40).Select(_ => RandomData.Subtree(rng)).ToArray();
            var ledger = new RollupLedger();
            var model = new Dictionary<string, (long Version, Summary Summary)>(StringComparer.Ordinal);
            var produced = codes.ToDictionary(c => c, _ => 0L, StringComparer.Ordinal);
            var inFlight = new List<ChildRollup>();
            long retired = 0;
            long lastNodeVersion = 0;

            for (var op = 0; op < Operations; op++)
            {
                var code = codes[rng.Next(codes.Length)];
                var roll = rng.Next(100);
                if (roll < 12)
                {
                    var expected = !model.ContainsKey(code);
                    Assert.Equal(expected, ledger.Attach(code, NodeKind.County, code));
                    model.TryAdd(code, (0, Summary.Zero));
                }
                else if (roll < 20)
                {
                    var expected = model.Remove(code, out var held);
                    Assert.Equal(expected, ledger.Detach(code));
                    if (expected)
                    {
                        retired += held.Version + 1;
                    }
                }
                else if (roll < 45)
                {
                    // The child produces a newer report, which goes in flight to be delivered later, possibly out of order.
                    produced[code] += rng.Next(1, 4);
                    inFlight.Add(Report(code, produced[code], pool[rng.Next(pool.Length)]));
                    continue;
                }
                else
                {
                    ChildRollup report;
                    if (inFlight.Count > 0 && rng.Next(5) > 0)
                    {
                        var index = rng.Next(inFlight.Count);
                        report = inFlight[index];
                        if (rng.Next(4) > 0)
                        {
                            inFlight.RemoveAt(index); // otherwise it stays in flight and is delivered again later
                        }
                    }
                    else
                    {
                        // An arbitrary version: stale, duplicate or a jump ahead.
                        report = Report(code, rng.Next(-1, 30), pool[rng.Next(pool.Length)]);
                    }

                    var expected = model.TryGetValue(report.Code, out var held) && report.Version > held.Version;
                    Assert.Equal(expected, ledger.Apply(report));
                    if (expected)
                    {
                        model[report.Code] = (report.Version, report.Summary);
                        accepted++;
                    }
                    else
                    {
                        refused++;
                    }
                }

                Assert.Equal(RandomData.Sum(model.Values.Select(v => v.Summary)), ledger.Total);
                Assert.Equal(model.Values.Sum(v => v.Version), ledger.ChildVersions);
                Assert.Equal(retired, ledger.RetiredVersions);
                Assert.Equal(model.Count, ledger.Count);
                Assert.Equal(model.Keys.Order(StringComparer.Ordinal), ledger.Codes.Order(StringComparer.Ordinal));
                var nodeVersion = NodeVersion(ledger);
                Assert.True(nodeVersion >= lastNodeVersion, $"node version went back from {lastNodeVersion} to {nodeVersion} at operation {op} of iteration {iteration}");
                lastNodeVersion = nodeVersion;
            }

            var restored = new RollupLedger(ledger.RetiredVersions, ledger.Children);
            Assert.Equal(ledger.Total, restored.Total);
            Assert.Equal(NodeVersion(ledger), NodeVersion(restored));
        }

        Assert.True(accepted > 500, $"only {accepted} reports were accepted");
        Assert.True(refused > 500, $"only {refused} reports were refused");
    }
}
