using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Gateway.Identity;

/// <summary>
/// Accepts a tenant's own provider's tokens on that tenant's routes: validated against the provider's discovery
/// document and keys (issuer, the configured audience, lifetime, signature), then mapped onto <see cref="PlatformClaims"/>.
/// The mapped account must lie in the tenant: its role must be a tenant role the mapping names, and its scope node an
/// open node of the tenant of a kind that role takes.
/// </summary>
internal sealed class ExternalTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ExternalProviders providers, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "external";

    /// <summary>Marks an account that lives at the provider: it has no password here.</summary>
    public const string SubjectPrefix = "oidc:";

    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.Of(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (Context.GetRouteValue("tenant") is not string tenant || await providers.ForTenantAsync(tenant) is not { } provider)
        {
            return AuthenticateResult.Fail("a token from another issuer is accepted only on the routes of the tenant that configured it");
        }

        var discovery = await providers.Discovery(provider.Authority).GetConfigurationAsync(Context.RequestAborted);
        var validated = await Tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.Issuer,
            ValidAudience = provider.Audience,
            IssuerSigningKeys = discovery.SigningKeys,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        if (!validated.IsValid || validated.SecurityToken is not JsonWebToken jwt)
        {
            return AuthenticateResult.Fail(validated.Exception?.Message ?? "the token is not valid");
        }

        var mapped = await MapAsync(tenant, provider, jwt);
        return mapped.Identity is { } identity
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName))
            : AuthenticateResult.Fail(mapped.Problem!);
    }

    private async Task<(ClaimsIdentity? Identity, string? Problem)> MapAsync(string tenant, ExternalProvider provider, JsonWebToken jwt)
    {
        jwt.TryGetPayloadValue<string>(provider.UsernameClaim, out var username);
        jwt.TryGetPayloadValue<string>(provider.RoleClaim, out var roleValue);
        jwt.TryGetPayloadValue<string>(provider.ScopeClaim, out var scope);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(jwt.Subject))
        {
            return (null, $"the token has no '{provider.UsernameClaim}' or 'sub'");
        }

        if (roleValue is null || !provider.RoleValues.TryGetValue(roleValue, out var roleName) || !Roles.TryParse(roleName, out var role) || role == Role.Operator)
        {
            return (null, $"the token's '{provider.RoleClaim}' maps to no role of this tenant");
        }

        if (string.IsNullOrEmpty(scope))
        {
            return (null, $"the token has no '{provider.ScopeClaim}' naming the account's node");
        }

        var probe = await grains.GetGrain<INodeGrain>(GrainKeys.Node(tenant, scope)).Probe();
        if (!probe.Exists || probe.Closed || probe.Rollup is null || RoleScopes.Problem(role, probe.Rollup.Kind) is not null)
        {
            return (null, $"the token's scope '{scope}' is not a node of tenant '{tenant}' that a {role.ToApiName()} can hold");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(PlatformClaims.Subject, SubjectPrefix + jwt.Subject),
            new Claim(PlatformClaims.Username, username),
            new Claim(PlatformClaims.Tenant, tenant),
            new Claim(PlatformClaims.Role, role.ToApiName()),
            new Claim(PlatformClaims.Scope, scope),
        ], SchemeName, PlatformClaims.Username, PlatformClaims.Role);
        return (identity, null);
    }
}

/// <summary>The bearer token of a request, if it sends one.</summary>
internal static class BearerToken
{
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
