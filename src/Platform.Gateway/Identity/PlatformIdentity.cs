using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;
using Platform.Gateway.Hosting;
using Platform.Hosting;

namespace Platform.Gateway.Identity;

/// <summary>Accounts, sign-in and the authenticated request: the services and the middleware, in one place.</summary>
public static class PlatformIdentity
{
    /// <summary>The policy of the routes only the platform operator may call (tenant lifecycle).</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>The scheme that validates a token not seen before: the platform's own, or a tenant's provider's.</summary>
    internal const string TokenScheme = "token";
    private static readonly Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler Reader = new();

    public static WebApplicationBuilder AddPlatformIdentity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();

        var folder = FolderOf(builder.Configuration, options);
        var keys = SigningKeys.Load(options, folder);

        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(new InitialCredentials(Path.Combine(folder, InitialCredentials.FileName)));
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<AccountProvisioning>();
        builder.Services.AddSingleton<AccountAuthority>();
        builder.Services.AddSingleton<SecretaryBatch>();
        builder.Services.AddHostedService<IdentityBootstrap>();

        builder.Services.AddSingleton<ExternalProviders>();
        var validated = new ValidatedTokens();
        builder.Services.AddSingleton(validated);
        builder.Services.AddAuthentication(RememberedTokenHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, RememberedTokenHandler>(RememberedTokenHandler.SchemeName, remembered =>
            {
                remembered.ForwardChallenge = TokenScheme;
                remembered.ForwardForbid = TokenScheme;
            })
            // The platform's own tokens go to JwtBearer, any other issuer's to the tenant's external provider.
            .AddPolicyScheme(TokenScheme, "The platform's or the tenant's provider's bearer token", policy =>
                policy.ForwardDefaultSelector = http => IsExternal(http, options.Issuer) ? ExternalTokenHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ExternalTokenHandler>(ExternalTokenHandler.SchemeName, null)
            .AddJwtBearer(jwt =>
            {
                // Claims keep the names they have in the token (sub, name, role), not the WS-* URIs.
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.SecurityToken is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken token && context.Principal is { } principal)
                        {
                            validated.Add(token.EncodedToken, principal, token.ValidTo);
                        }

                        return Task.CompletedTask;
                    },
                };
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKeys = keys.Validation,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    NameClaimType = PlatformClaims.Username,
                    RoleClaimType = PlatformClaims.Role,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, policy => policy.RequireClaim(PlatformClaims.Role, Role.Operator.ToApiName()));
        return builder;
    }

    private static string FolderOf(IConfiguration configuration, AuthOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Folder))
        {
            return Path.GetFullPath(options.Folder);
        }

        if (GatewayHosting.ModeOf(configuration) == GatewayMode.Client && options.SigningKeys.Count == 0)
        {
            throw new InvalidOperationException(
                $"Platform:Gateway:Mode is Client, where several gateways must sign with the same key: set {AuthOptions.Section}:SigningKeys " +
                $"(environment Platform__Auth__SigningKeys__0__Id and …__0__Pem), or {AuthOptions.Section}:Folder to a folder every gateway shares.");
        }

        return Path.GetDirectoryName(Path.GetFullPath(PlatformSettings.From(configuration).Sqlite.Path))!;
    }

    /// <summary>A readable token that another issuer signed; its signature is checked by the scheme it goes to. A token
    /// that cannot be read goes to JwtBearer, which refuses it (401).</summary>
    private static bool IsExternal(HttpContext http, string issuer)
    {
        if (BearerToken.Of(http.Request) is not { } token || !Reader.CanReadToken(token))
        {
            return false;
        }

        try
        {
            return Reader.ReadJsonWebToken(token).Issuer != issuer;
        }
        catch (ArgumentException)
        {
            // Three well-formed segments whose header or payload is not base64url JSON.
            return false;
        }
    }

    /// <summary>Who the token says the caller is, before the rate limits count the request against its account.</summary>
    public static WebApplication UsePlatformAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        return app;
    }

    /// <summary>The caller, then authorization: after the rate limits, before every endpoint.</summary>
    public static WebApplication UsePlatformCaller(this WebApplication app)
    {
        app.UseMiddleware<CallerMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
