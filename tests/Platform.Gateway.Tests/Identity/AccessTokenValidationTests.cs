using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Gateway.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Identity;

/// <summary>
/// Tokens forged or stale in each way a validator can miss, against an operator-only route. Each is built from a token
/// that is accepted (the control), changed in one thing, so a 401 can only be that thing's doing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AccessTokenValidationTests(GatewayFixture fixture)
{
    private const string Route = "/api/v1/tenants";

    [Fact]
    public async Task A_token_signed_with_the_platforms_key_for_its_audience_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(Forge())).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_under_the_same_key_id_is_refused()
    {
        using var other = RSA.Create(2048);
        var key = new RsaSecurityKey(other) { KeyId = PlatformKey().KeyId };
        await (await CallAsync(Forge(signingKey: key))).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var past = DateTime.UtcNow.AddHours(-1);
        await (await CallAsync(Forge(issuedAt: past, expires: past.AddMinutes(15)))).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_or_from_another_issuer_is_refused()
    {
        await (await CallAsync(Forge(audience: "someone-else"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await CallAsync(Forge(issuer: "someone-else"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsigned_or_mangled_token_is_refused()
    {
        var valid = Forge();
        var parts = valid.Split('.');
        await (await CallAsync($"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await CallAsync($"{parts[0]}.{parts[1]}x.{parts[2]}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await CallAsync("garbage")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_signing_key_and_the_credentials_file_are_readable_by_their_owner_only()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fixture.Gateway.Folder, SigningKeys.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fixture.Gateway.Folder, InitialCredentials.FileName)));
    }

    private string Forge(SecurityKey? signingKey = null, string audience = "platform-api", string issuer = "platform", DateTime? issuedAt = null, DateTime? expires = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ?? now.AddMinutes(15),
            Claims = new Dictionary<string, object> { ["sub"] = "forged", ["name"] = "operator", ["role"] = "operator" },
            SigningCredentials = new SigningCredentials(signingKey ?? PlatformKey(), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The gateway's own key, read from its folder as an attacker with the file could.</summary>
    private RsaSecurityKey PlatformKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(fixture.Gateway.Folder, SigningKeys.FileName)));
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    private async Task<HttpResponseMessage> CallAsync(string token)
    {
        using var anonymous = fixture.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, Route);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await anonymous.SendAsync(request);
    }
}
