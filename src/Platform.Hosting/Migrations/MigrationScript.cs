using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Hosting.Migrations;

/// <summary>
/// One versioned schema script, <c>NNNN-name.sql</c>. The checksum is SHA-256 over the text with line endings
/// normalised to LF, so a checkout that converts line endings does not look like an edited script.
/// </summary>
public sealed partial record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    public static MigrationScript Parse(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"The schema script '{fileName}' is not named NNNN-name.sql; rename it, e.g. 0003-reminders-index.sql.");
        }

        return new MigrationScript(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, sql, ChecksumOf(sql));
    }

    public static string ChecksumOf(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n", StringComparison.Ordinal))));

    public override string ToString() => $"{Version:D4}-{Name}";

    [GeneratedRegex(@"^(?<version>\d{4})-(?<name>[a-z0-9][a-z0-9-]*)\.sql$")]
    private static partial Regex FileNamePattern();
}
