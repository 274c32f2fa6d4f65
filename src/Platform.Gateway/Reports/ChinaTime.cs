namespace Platform.Gateway.Reports;

/// <summary>Spreadsheets have no time zones, so exports show times as their readers live them: China Standard Time (UTC+8, no daylight saving).</summary>
internal static class ChinaTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Of(DateTimeOffset time) => time.ToOffset(Offset);
}
