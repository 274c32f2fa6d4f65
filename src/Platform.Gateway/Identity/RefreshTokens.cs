using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Identity;

/// <summary>
/// A refresh token is <c>{account}.{secret}</c>: which account to ask (tenant and username, base64url) and 256 random
/// bits that only that account can check, against the hash it keeps. Opaque to the client, and nothing in it is trusted
/// until the account has matched the secret.
/// </summary>
internal static class RefreshTokens
{
    public const int MaxLength = 512;

    public static string Compose(string? tenant, string username, string secret) =>
        $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes($"{tenant}\n{username}"))}.{secret}";

    public static bool TryParse(string? token, out string? tenant, out string username, out string secret)
    {
        tenant = null;
        username = secret = "";
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return false;
        }

        string locator;
        try
        {
            locator = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token[..dot]));
        }
        catch (FormatException)
        {
            return false;
        }

        var newline = locator.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0)
        {
            return false;
        }

        tenant = newline == 0 ? null : locator[..newline];
        username = locator[(newline + 1)..];
        secret = token[(dot + 1)..];
        return Domain.Identity.Usernames.Problem(username) is null
            && (tenant is null || Domain.Tenancy.TenantIds.Problem(tenant) is null);
    }
}
