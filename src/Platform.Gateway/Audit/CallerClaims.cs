using System.Security.Claims;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Gateway.Audit;

/// <summary>The <see cref="Caller"/> an authenticated request carries in its claims (<see cref="PlatformClaims"/>).</summary>
internal static class CallerClaims
{
    /// <summary>The signed-in caller, or null for an anonymous request.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } || user.FindFirst(PlatformClaims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }

        var role = Roles.TryParse(user.FindFirst(PlatformClaims.Role)?.Value, out var parsed) ? parsed : Role.Viewer;
        return new Caller(
            user.FindFirst(PlatformClaims.Tenant)?.Value,
            subject,
            user.FindFirst(PlatformClaims.Username)?.Value ?? subject,
            role,
            user.FindFirst(PlatformClaims.Scope)?.Value);
    }
}
