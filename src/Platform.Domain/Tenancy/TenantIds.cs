namespace Platform.Domain.Tenancy;

/// <summary>
/// A tenant (one province) is named by a short slug, e.g. <c>demo</c> or <c>hunan</c>. It always starts with a letter,
/// so no grain key built from it can be mistaken for an integer key.
/// </summary>
public static class TenantIds
{
    public const int MaxLength = 32;

    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "is required";
        }

        var wellFormed = id.Length is >= 2 and <= MaxLength
            && char.IsAsciiLetterLower(id[0])
            && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
        return wellFormed ? null : $"must be 2-{MaxLength} lowercase letters, digits or '-', starting with a letter";
    }
}
