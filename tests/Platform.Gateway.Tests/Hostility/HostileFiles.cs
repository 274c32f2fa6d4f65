using System.Text;

namespace Platform.Gateway.Tests.Hostility;

/// <summary>
/// Hostile hierarchy imports: every row is invalid, so none may create or change a node. Rows hang under nodes of
/// <see cref="Infrastructure.SmallProvince"/> (county 430102, the party committee 9430102001-00) or rename one of its
/// branches, so an accepted row would show in the reads.
/// </summary>
internal static class HostileFiles
{
    private const string Header = "kind,code,name,parentCode,stage,ownership,location,covers,members,probationaryMembers";

    public static IEnumerable<HostileInput> Of(WriteRoute route)
    {
        foreach (var (name, row) in Rows())
        {
            yield return HostileInput.Csv(name, Encoding.UTF8.GetBytes($"{Header}\r\n{row}\r\n"));
        }

        yield return HostileInput.Csv("empty file", []);
        yield return HostileInput.Csv("only a byte order mark", [0xEF, 0xBB, 0xBF]);
        yield return HostileInput.Csv("header without required columns", "kind,code\r\nbranch,9430102001-09\r\n"u8.ToArray());
        yield return HostileInput.Csv("only unknown columns", "colour,size\r\nred,9430102001-09\r\n"u8.ToArray());
        yield return HostileInput.Csv("unknown column beside a bad row", Encoding.UTF8.GetBytes($"{Header},extra\r\nbranch,9430102001-09,支部,9430102001-00,,,,,-3,0,x\r\n"));
        yield return HostileInput.Csv("unterminated quote", Encoding.UTF8.GetBytes($"{Header}\r\nbranch,\"9430102001-09,支部,9430102001-00,,,,,3,0\r\n"));
        yield return HostileInput.Csv("10,000 cells in a row", Encoding.UTF8.GetBytes($"{Header}\r\nbranch,9430102001-09,支部,9430102001-00{new string(',', 10_000)}\r\n"));
        yield return HostileInput.Csv("invalid UTF-8 in a name", [.. Encoding.UTF8.GetBytes($"{Header}\r\nbranch,9430102001-09,支"), 0xC3, 0x28, .. ",9430102001-00,,,,,3,0\r\n"u8.ToArray()]);
        yield return HostileInput.Csv("UTF-16 file", Encoding.Unicode.GetBytes($"{Header}\r\nbranch,9430102001-09,支部,9430102001-00,,,,,3,0\r\n"));
        var random = new Random(8);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        yield return HostileInput.Csv("4 KB of random bytes", garbage);
        yield return HostileInput.Json("JSON instead of CSV", "{\"kind\":\"branch\"}"u8.ToArray());
        yield return new HostileInput("oversized: one byte over the import limit", () =>
            new PaddedContent($"{Header}\r\nbranch,9430102001-09,", route.BodyLimit + 1, "text/csv")) { ExpectContinue = true };
    }

    private static IEnumerable<(string Name, string Row)> Rows()
    {
        const string Committee = "9430102001-00";
        foreach (var code in new[] { ".", "..", "' OR '1'='1", "x;DROP TABLE OrleansStorage", new string('x', 41), "a/b", "a b", "名\u0000", "\u202E01" })
        {
            yield return ($"organisation code '{Printable(code)}'", $"branch,\"{code}\",支部,{Committee},,,,,3,0");
        }

        yield return ("school code '..'", "school,..,学校,430102,高中,公办,城镇,,,");
        foreach (var (label, name) in new[]
        {
            ("NUL", "支\u0000部"), ("BEL", "支\u0007部"), ("right-to-left override", "\u202E部支"), ("zero-width space", "支\u200B部"),
            ("byte order mark inside", "支\uFEFF部"), ("5,000 characters", new string('长', 5000)), ("only spaces", "   "), ("empty", ""),
            ("a line break", "支\n部"),
        })
        {
            yield return ($"new branch named with {label}", $"branch,9430102001-09,\"{name}\",{Committee},,,,,3,0");
            yield return ($"existing branch renamed with {label}", $"branch,9430102001-01,\"{name}\",{Committee},,,,,20,1");
        }

        foreach (var members in new[] { "1e400", "-1", "NaN", "99999999999999999999", "2.5", "' OR 1=1" })
        {
            yield return ($"members '{members}'", $"branch,9430102001-09,支部,{Committee},,,,,\"{members}\",0");
        }

        yield return ("kind as SQL", $"\"'; DROP TABLE OrleansStorage; --\",9430102001-09,支部,{Committee},,,,,3,0");
        yield return ("parent '..'", "branch,9430102001-09,支部,..,,,,,3,0");
        yield return ("parent as SQL", "branch,9430102001-09,支部,\"' OR 1=1\",,,,,3,0");
        yield return ("covers '..'", "jointBranch,430102-LH09,联合支部,430102,,,,..,3,0");
        yield return ("stage as SQL", "school,9430102099,学校,430102,\"' OR 1=1\",公办,城镇,,,");
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || c is '\u202E' ? $"U+{(int)c:X4}" : c.ToString()));
}
