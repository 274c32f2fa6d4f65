namespace Platform.DemoData;

/// <summary>Hunan province (湖南省): its 14 cities and prefectures and 122 county-level divisions, by GB/T 2260 code.</summary>
public static class HunanDivisions
{
    private static readonly Lazy<IReadOnlyList<Division>> Divisions = new(Load);

    public static IReadOnlyList<Division> All => Divisions.Value;

    private static IReadOnlyList<Division> Load()
    {
        using var stream = typeof(HunanDivisions).Assembly.GetManifestResourceStream("hunan-divisions.csv")!;
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var divisions = new List<Division>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var cells = line.Split(',');
            divisions.Add(new Division(cells[0], cells[1], cells[2].Length == 0 ? null : cells[2], cells[3], cells[4] == "gbt2260"));
        }

        return divisions;
    }
}
