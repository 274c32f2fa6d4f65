using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Identity;

/// <summary>
/// The default authentication scheme: a platform token this gateway has validated before is answered from
/// <see cref="ValidatedTokens"/> in one step; any other request is handed to the scheme that validates tokens (the
/// platform's JwtBearer, or the tenant's external provider). A client sends the same token for up to 15 minutes, so
/// nearly every request takes the first path, and what signing in costs a request stays a dictionary lookup.
/// </summary>
internal sealed class RememberedTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ValidatedTokens validated)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "remembered";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        BearerToken.Of(Request) is { } token && validated.TryGet(token, out var principal)
            ? Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal!, Scheme.Name)))
            : Context.AuthenticateAsync(PlatformIdentity.TokenScheme);
}
