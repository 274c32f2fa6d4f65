using Platform.Domain.Hierarchy;

namespace Platform.Grains.Tests.Infrastructure;

/// <summary>Random hierarchies: a province, its cities and counties, schools, and organisations of every kind.</summary>
internal static class RandomProvince
{
    public const string Root = "430000";

    public static List<NodeDefinition> Generate(Random random, int cities, int countiesPerCity, int schoolsPerCounty)
    {
        var nodes = new List<NodeDefinition> { new(Root, NodeKind.Province, "测试省", null) };
        for (var c = 1; c <= cities; c++)
        {
            var city = $"43{c:D2}00";
            nodes.Add(new(city, NodeKind.City, $"第{c}市", Root));
            for (var k = 1; k <= countiesPerCity; k++)
            {
                var county = $"43{c:D2}{k:D2}";
                nodes.Add(new(county, NodeKind.County, $"第{c}市第{k}县", city));
                var small = new List<string>();
                for (var s = 1; s <= schoolsPerCounty; s++)
                {
                    var school = $"9{county}{s:D3}";
                    nodes.Add(new(school, NodeKind.School, $"学校{school}", county, new SchoolProfile((SchoolStage)random.Next(8), random.Next(5) == 0, random.Next(2) == 0)));
                    switch (random.Next(10))
                    {
                        case 0 or 1:
                            nodes.Add(Organisation($"{school}-00", NodeKind.PartyCommittee, school, random));
                            for (var b = 1; b <= random.Next(2, 5); b++)
                            {
                                nodes.Add(Organisation($"{school}-{b:D2}", NodeKind.Branch, $"{school}-00", random));
                            }

                            break;
                        case 2:
                            nodes.Add(Organisation($"{school}-00", NodeKind.GeneralBranch, school, random));
                            nodes.Add(Organisation($"{school}-01", NodeKind.Branch, $"{school}-00", random));
                            nodes.Add(Organisation($"{school}-02", NodeKind.Branch, $"{school}-00", random));
                            break;
                        case 3 or 4:
                            small.Add(school);
                            break;
                        default:
                            nodes.Add(Organisation($"{school}-01", NodeKind.Branch, school, random));
                            break;
                    }
                }

                for (var j = 0; j + 2 <= small.Count && j < 6; j += 2)
                {
                    nodes.Add(Organisation($"{county}-LH{j:D2}", NodeKind.JointBranch, county, random) with { Covers = [small[j], small[j + 1]] });
                }
            }
        }

        return nodes;
    }

    private static NodeDefinition Organisation(string code, NodeKind kind, string parent, Random random) =>
        new(code, kind, $"组织{code}", parent, Members: kind.IsRated() ? random.Next(3, 40) : 0, ProbationaryMembers: kind.IsRated() ? random.Next(0, 3) : 0);
}
