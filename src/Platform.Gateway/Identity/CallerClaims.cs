using System.Security.Claims;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Gateway.Identity;

/// <summary>Reads the <see cref="Caller"/> from an authenticated principal's <see cref="PlatformClaims"/>.</summary>
internal static class CallerClaims
{
    public static Caller? Read(ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue(PlatformClaims.Subject);
        var username = user.FindFirstValue(PlatformClaims.Username);
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(username) || !Roles.TryParse(user.FindFirstValue(PlatformClaims.Role), out var role))
        {
            return null;
        }

        var tenant = user.FindFirstValue(PlatformClaims.Tenant);
        if ((role == Role.Operator) != string.IsNullOrEmpty(tenant))
        {
            // An operator inside a tenant, or a tenant's account outside one: a token no issuer of ours writes.
            return null;
        }

        return new Caller(string.IsNullOrEmpty(tenant) ? null : tenant, subject, username, role, user.FindFirstValue(PlatformClaims.Scope));
    }

    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(AccessTokens.MustChangePasswordClaim, "true");
}
