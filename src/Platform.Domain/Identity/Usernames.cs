using System.Globalization;

namespace Platform.Domain.Identity;

/// <summary>
/// What a person signs in with (用户名). Compared without regard to case, so <c>ZhangSan</c> and <c>zhangsan</c> are one
/// account; it becomes part of a grain key, so it can hold no '/'.
/// </summary>
public static class Usernames
{
    public const int MaxLength = 64;

    public static string? Problem(string? username)
    {
        if (string.IsNullOrWhiteSpace(username))
        {
            return "is required";
        }

        var wellFormed = username.Length is >= 2 and <= MaxLength
            && char.IsLetterOrDigit(username[0])
            && username.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@');
        return wellFormed ? null : $"must be 2-{MaxLength} letters, digits, '.', '_', '-' or '@', starting with a letter or digit";
    }

    /// <summary>The spelling accounts are stored under.</summary>
    public static string Normalise(string username) => username.Trim().ToLower(CultureInfo.InvariantCulture);
}
