using System.Security.Cryptography;

namespace Platform.Domain.Identity;

/// <summary>
/// What a password must be (密码规则): long rather than clever, as NIST SP 800-63B advises, with a letter and a digit so a
/// word or a date alone is refused, and never the username. The upper bound keeps a hash from being made to run long.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>Generated passwords avoid characters that read alike (0/O, 1/l/I), since people copy them by hand.</summary>
    private const string Letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    public static string? Problem(string? password, string? username = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "is required";
        }

        if (password.Length is < MinLength or > MaxLength)
        {
            return $"must be {MinLength}-{MaxLength} characters long";
        }

        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            return "must contain at least one letter and one digit";
        }

        if (password.Distinct().Count() < 5)
        {
            return "must not repeat a few characters over and over";
        }

        if (username is { Length: >= 2 } && password.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            return "must not contain the username";
        }

        return null;
    }

    /// <summary>A random password that meets the policy: 16 characters, about 93 bits of entropy.</summary>
    public static string Generate()
    {
        const int length = 16;
        while (true)
        {
            var alphabet = Letters + Digits;
            var password = string.Create(length, alphabet, static (span, chars) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
                }
            });
            if (Problem(password) is null)
            {
                return password;
            }
        }
    }
}
