using Platform.Grains.Hierarchy;
using Platform.DemoData;
using Platform.Domain.Standing;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Contracts.Hierarchy;
using Platform.Grains.Persistence;

namespace Platform.Bench;

/// <summary>
/// What an organisation's own data costs on the heap, apart from its grain: the state a branch grain holds (its
/// definition and scored assessment), built the way the grain gets it, by reading its stored JSON. The memory target is
/// about what the platform adds beyond this, so the report subtracts it from the heap growth per activation.
/// </summary>
public static class OrganisationFootprint
{
    public static double MeasureBytesPerOrganisation(GeneratedProvince province, FrameworkVersion framework, int sample)
    {
        var wanted = province.Assessments.Take(sample).ToDictionary(a => a.Code, a => a.Input, StringComparer.Ordinal);
        var serializer = new JsonGrainStorageSerializer();
        var stored = new List<BinaryData>(wanted.Count);
        foreach (var line in province.HierarchyCsv.Split('\n').Skip(1))
        {
            var cells = line.TrimEnd('\r').Split(',');
            if (cells.Length < 10 || !wanted.TryGetValue(cells[1], out var input) || !NodeKinds.TryParse(cells[0], out var kind))
            {
                continue;
            }

            var definition = new NodeDefinition(cells[1], kind, cells[2], cells[3],
                Members: int.TryParse(cells[8], out var members) ? members : 0,
                ProbationaryMembers: int.TryParse(cells[9], out var probationary) ? probationary : 0);
            var state = new NodeState
            {
                Definition = definition,
                Standing = StandingAssessment.None.Baseline(framework, input, null, "benchmark", DateTimeOffset.UtcNow).Standing,
                OwnVersion = 2,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            stored.Add(serializer.Serialize(state));
        }

        var before = SettledHeap();
        var held = stored.Select(bytes => serializer.Deserialize<NodeState>(bytes)).ToArray();
        var after = SettledHeap();
        GC.KeepAlive(held);
        return held.Length == 0 ? 0 : (after - before) / (double)held.Length;
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
