using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Platform.Contracts.Identity;
using Platform.Gateway.Hardening;

namespace Platform.Gateway.Tests.Hardening;

/// <summary>Which bucket a request draws from: logic alone, so no server.</summary>
public sealed class RateLimitPartitionTests
{
    [Fact]
    public void A_signed_in_caller_is_limited_as_its_account_whatever_its_address()
    {
        var first = Context("10.1.1.1", new Claim(PlatformClaims.Subject, "acc-7"), new Claim(PlatformClaims.Tenant, "hunan"));
        var second = Context("10.2.2.2", new Claim(PlatformClaims.Subject, "acc-7"), new Claim(PlatformClaims.Tenant, "hunan"));
        Assert.Equal("account:hunan/acc-7", RateLimits.CallerKey(first));
        Assert.Equal(RateLimits.CallerKey(first), RateLimits.CallerKey(second));

        // The same account id in another tenant is another account.
        Assert.NotEqual(RateLimits.CallerKey(first), RateLimits.CallerKey(Context("10.1.1.1", new Claim(PlatformClaims.Subject, "acc-7"), new Claim(PlatformClaims.Tenant, "hubei"))));
    }

    [Fact]
    public void An_anonymous_caller_is_limited_by_its_address()
    {
        Assert.Equal("address:10.1.1.1", RateLimits.CallerKey(Context("10.1.1.1")));
        Assert.NotEqual(RateLimits.CallerKey(Context("10.1.1.1")), RateLimits.CallerKey(Context("10.1.1.2")));
    }

    private static DefaultHttpContext Context(string address, params Claim[] claims)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (claims.Length > 0)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType: "Bearer"));
        }

        return context;
    }
}
