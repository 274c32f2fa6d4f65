using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Gateway.Identity;

/// <summary>Issues the platform's access tokens: short-lived JWTs carrying <see cref="PlatformClaims"/>.</summary>
public sealed class AccessTokens(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Present (<c>"true"</c>) while the account still holds a one-time password: such a token may only change it.</summary>
    public const string MustChangePasswordClaim = "pwd_change";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => options.Value.AccessTokenLifetime;

    public string Issue(Caller caller, bool mustChangePassword)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [PlatformClaims.Subject] = caller.AccountId,
            [PlatformClaims.Username] = caller.Username,
            [PlatformClaims.Role] = caller.Role.ToApiName(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (caller.Tenant is { } tenant)
        {
            claims[PlatformClaims.Tenant] = tenant;
        }

        if (caller.ScopeCode is { } scope)
        {
            claims[PlatformClaims.Scope] = scope;
        }

        if (mustChangePassword)
        {
            claims[MustChangePasswordClaim] = "true";
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = claims,
            SigningCredentials = keys.Credentials,
        });
    }
}
