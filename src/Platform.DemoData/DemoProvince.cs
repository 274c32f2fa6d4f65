using System.Globalization;
using System.Text;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;

namespace Platform.DemoData;

/// <summary>
/// Generates the demo province deterministically from a seed. Divisions are Hunan's real ones; schools,
/// organisations and scores are invented. Generated school codes start with 9 (real 学校标识码 start with 1), so they
/// can never be mistaken for real schools.
/// </summary>
public static class DemoProvince
{
    public const string Header = "kind,code,name,parentCode,stage,ownership,location,covers,members,probationaryMembers";

    private static readonly string[] Stages = ["kindergarten", "primary", "primary", "primary", "juniorSecondary", "juniorSecondary", "seniorSecondary", "nineYear", "completeSecondary", "vocational", "special"];
    private static readonly Dictionary<string, string> StageNames = new()
    {
        ["kindergarten"] = "幼儿园", ["primary"] = "小学", ["juniorSecondary"] = "初级中学", ["seniorSecondary"] = "高级中学",
        ["nineYear"] = "九年一贯制学校", ["completeSecondary"] = "中学", ["vocational"] = "职业中专", ["special"] = "特殊教育学校",
    };
    private static readonly string[] Places = ["城关", "东风", "解放", "红星", "建设", "新华", "育才", "实验", "光明", "向阳", "和平", "长岭", "桃源", "青山", "湘江", "白沙", "金盆", "石门", "枫林", "清水"];
    private static readonly string[] BranchNames = ["第一党支部", "第二党支部", "第三党支部", "第四党支部", "第五党支部", "第六党支部", "离退休党支部"];

    public static GeneratedProvince Generate(DemoProvinceOptions? options = null)
    {
        options ??= new DemoProvinceOptions();
        var random = new Random(options.Seed);
        var framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);
        var csv = new StringBuilder(Header).Append('\n');
        var rated = new List<string>();
        int rows = 0, schools = 0, organisations = 0;

        void Row(string kind, string code, string name, string? parent, string stage = "", string ownership = "", string location = "", string covers = "", int members = 0, int probationary = 0)
        {
            rows++;
            csv.Append(CultureInfo.InvariantCulture, $"{kind},{code},{name},{parent},{stage},{ownership},{location},{covers},{(members == 0 ? "" : members)},{(probationary == 0 ? "" : probationary)}\n");
        }

        void Organisation(string kind, string code, string name, string parent, string covers = "")
        {
            organisations++;
            var isRated = kind is "branch" or "jointBranch";
            Row(kind, code, name, parent, covers: covers, members: isRated ? random.Next(3, 45) : 0, probationary: isRated ? random.Next(0, 3) : 0);
            if (isRated)
            {
                rated.Add(code);
            }
        }

        var divisions = HunanDivisions.All;
        var root = divisions.Single(d => d.Kind == "province");
        Row("province", root.Code, root.Name, null);
        foreach (var division in divisions.Where(d => d.Kind == "city"))
        {
            Row("city", division.Code, division.Name, division.ParentCode);
        }

        foreach (var county in divisions.Where(d => d.Kind == "county"))
        {
            Row("county", county.Code, county.Name, county.ParentCode);
            var count = Math.Max(3, (int)(options.SchoolsPerCounty * (0.5 + random.NextDouble())));
            var uncoveredSmall = new List<string>();
            for (var s = 1; s <= count; s++)
            {
                schools++;
                var code = $"9{county.Code}{s:D3}";
                var stage = Stages[random.Next(Stages.Length)];
                var isPrivate = random.NextDouble() < (stage == "kindergarten" ? 0.5 : 0.1);
                var isRural = random.NextDouble() < 0.55;
                var name = $"{county.Name}{Places[random.Next(Places.Length)]}{(isPrivate ? "民办" : "")}{StageNames[stage]}";
                if (s > 1)
                {
                    name = $"{name}（{s}）";
                }

                Row("school", code, name, county.Code, stage, isPrivate ? "private" : "public", isRural ? "rural" : "urban");

                var size = random.NextDouble();
                var large = stage is "seniorSecondary" or "completeSecondary" or "vocational";
                if (large && size < 0.7)
                {
                    Organisation("partyCommittee", $"{code}-00", $"{name}党委", code);
                    for (var b = 1; b <= random.Next(3, 7); b++)
                    {
                        Organisation("branch", $"{code}-{b:D2}", $"{name}{BranchNames[b - 1]}", $"{code}-00");
                    }
                }
                else if (size < 0.15)
                {
                    Organisation("generalBranch", $"{code}-00", $"{name}党总支", code);
                    for (var b = 1; b <= random.Next(2, 4); b++)
                    {
                        Organisation("branch", $"{code}-{b:D2}", $"{name}{BranchNames[b - 1]}", $"{code}-00");
                    }
                }
                else if (size < 0.85 && !(isPrivate && stage == "kindergarten"))
                {
                    Organisation("branch", $"{code}-01", $"{name}党支部", code);
                }
                else
                {
                    uncoveredSmall.Add(code);
                }
            }

            // Small schools share a joint branch (联合党支部) three at a time; the rest stay gaps (空白点).
            var joint = 0;
            while (uncoveredSmall.Count >= 3 && random.NextDouble() < 0.6)
            {
                var covered = uncoveredSmall.Take(3).ToList();
                uncoveredSmall.RemoveRange(0, 3);
                joint++;
                Organisation("jointBranch", $"{county.Code}-LH{joint:D2}", $"{county.Name}第{joint}联合党支部", county.Code, string.Join(';', covered));
            }
        }

        var assessments = rated
            .Where(_ => random.NextDouble() < options.AssessedShare)
            .Select(code => (code, Assess(framework, random, options.VetoShare)))
            .ToList();
        return new GeneratedProvince(root.Code, csv.ToString(), rows, schools, organisations, assessments);
    }

    /// <summary>Plausible scores: each branch has a quality level, each indicator varies around it.</summary>
    public static AssessmentInput Assess(FrameworkVersion framework, Random random, double vetoShare)
    {
        var quality = Math.Clamp(0.78 + (NextGaussian(random) * 0.12), 0.3, 1.0);
        var scores = new Dictionary<string, decimal>();
        var counts = new Dictionary<string, MeetingCount>();
        foreach (var dimension in framework.Dimensions)
        {
            foreach (var indicator in dimension.Indicators)
            {
                var share = dimension.Id == Dimension.Bonus
                    ? (random.NextDouble() < 0.25 ? random.NextDouble() : 0)
                    : Math.Clamp(quality + (NextGaussian(random) * 0.08), 0, 1);
                if (indicator.Rule == IndicatorRule.Counted && random.NextDouble() < 0.5)
                {
                    var required = 12;
                    counts[indicator.Id] = new MeetingCount((int)Math.Round(required * share), required);
                }
                else
                {
                    scores[indicator.Id] = decimal.Round(indicator.Max * (decimal)share, 1);
                }
            }
        }

        var vetoes = random.NextDouble() < vetoShare ? new[] { framework.Vetoes[random.Next(framework.Vetoes.Count)].Id } : [];
        return new AssessmentInput(scores, counts, new Dictionary<string, bool>(), vetoes);
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Sin(2.0 * Math.PI * random.NextDouble());
}
