namespace Platform.Gateway.Imports;

/// <summary>Import ids: 32 lowercase hex digits of a version 7 GUID, so they sort by when the import started.</summary>
internal static class ImportIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");

    public static bool IsWellFormed(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
