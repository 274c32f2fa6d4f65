using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Platform.Domain.Identity;

namespace Platform.Grains.Identity;

/// <summary>
/// Passwords hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, a salt per
/// password, the iteration count stored in each hash so it can be raised later), and refresh secrets with SHA-256
/// (they are 256 random bits, so a slow hash would add nothing).
/// </summary>
public sealed class PasswordHashing(IPasswordHasher<Account> hasher)
{
    // Checked against when there is no account, so an unknown username costs as long as a wrong password.
    private readonly string _decoy = hasher.HashPassword(null!, PasswordPolicy.Generate());

    public string Hash(Account? account, string password) => hasher.HashPassword(account!, password);

    public PasswordVerificationResult Verify(Account account, string password) =>
        hasher.VerifyHashedPassword(account, account.PasswordHash, password);

    /// <summary>Spends the time a verification takes, for an account that does not exist.</summary>
    public void VerifyDecoy(string password) => hasher.VerifyHashedPassword(null!, _decoy, password);

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
