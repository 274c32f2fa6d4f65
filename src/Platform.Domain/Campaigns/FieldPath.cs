namespace Platform.Domain.Campaigns;

/// <summary>Names a field inside a larger request, so one rule reports against <c>crossCheck.sampleRate</c> when it checks part of
/// a campaign and against <c>sampleRate</c> when it checks a policy on its own.</summary>
internal static class FieldPath
{
    public static string Join(string prefix, string field) => string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
}
