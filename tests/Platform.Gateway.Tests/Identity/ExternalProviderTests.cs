using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Identity;

/// <summary>
/// A tenant's own OpenID Connect provider: a discovery document and JWKS served by this test on 127.0.0.1, and tokens
/// this test signs. The gateway takes them on the tenant's routes once its admin configures the provider, and only then.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ExternalProviderTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Audience = "platform-dangjian";
    private readonly RSA _key = RSA.Create(2048);
    private WebApplication? _provider;
    private string _authority = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _authority,
            ["jwks_uri"] = $"{_authority}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _provider.MapGet("/jwks", () =>
        {
            var parameters = _key.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "province-idp-1", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        await _provider.StartAsync();
        _authority = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        _key.Dispose();
    }

    [Fact]
    public async Task The_providers_tokens_sign_in_on_the_tenant_that_configured_it_mapped_onto_its_roles_and_nodes()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var other = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var accounts = $"/api/v1/tenants/{tenant}/accounts";

        // Before the admin configures it, the provider's tokens are nobody's.
        await (await CallAsync(accounts, Token("dj-admin", "430000"))).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var configured = await fixture.Http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/identity-provider", new
        {
            authority = _authority,
            audience = Audience,
            usernameClaim = "preferred_username",
            roleClaim = "dj_role",
            roleValues = new Dictionary<string, string> { ["dj-admin"] = "tenantAdmin", ["dj-leader"] = "viewer" },
            scopeClaim = "dj_org",
        });
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(accounts, Token("dj-admin", "430000"))).StatusCode);
        // A viewer is signed in (403 for what it may not do, not 401).
        await (await CallAsync(accounts, Token("dj-leader", "430100"))).AssertProblemAsync(HttpStatusCode.Forbidden);

        foreach (var refused in new[]
        {
            Token("dj-admin", "430000", audience: "another-app"),
            Token("dj-admin", "430000", signWith: RSA.Create(2048)),
            Token("dj-admin", "430000", expires: DateTime.UtcNow.AddMinutes(-5)),
            Token("dj-unknown", "430000"),
            Token("dj-admin", "999999"),
            Token("dj-leader", null),
        })
        {
            await (await CallAsync(accounts, refused)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        // The same valid token means nothing on another tenant, nor outside tenants.
        await (await CallAsync($"/api/v1/tenants/{other}/accounts", Token("dj-admin", "430000"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await CallAsync("/api/v1/tenants", Token("dj-admin", "430000"))).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // An admin from the provider cannot repoint the provider.
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/identity-provider");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("dj-admin", "430000"));
        using var anonymous = fixture.Anonymous();
        await (await anonymous.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_provider_must_be_named_by_an_https_authority_and_map_to_tenant_roles()
    {
        var tenant = await fixture.CreateTenantAsync();
        var bad = await fixture.Http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/identity-provider", new
        {
            authority = "http://idp.example.org",
            audience = Audience,
            usernameClaim = "preferred_username",
            roleClaim = "dj_role",
            roleValues = new Dictionary<string, string> { ["root"] = "operator" },
            scopeClaim = "dj_org",
        });
        var problem = await bad.AssertFieldProblemAsync("authority");
        Assert.True(problem.GetProperty("errors").TryGetProperty("roleValues.root", out _));
    }

    private string Token(string role, string? scope, string audience = Audience, RSA? signWith = null, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "u-1001", ["preferred_username"] = "zhang.san", ["dj_role"] = role };
        if (scope is not null)
        {
            claims["dj_org"] = scope;
        }

        var end = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _authority,
            Audience = audience,
            IssuedAt = end.AddMinutes(-15),
            NotBefore = end.AddMinutes(-15),
            Expires = end,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _key) { KeyId = "province-idp-1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpResponseMessage> CallAsync(string path, string token)
    {
        using var anonymous = fixture.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await anonymous.SendAsync(request);
    }
}
