using System.Net;
using System.Net.Http.Json;
using Platform.Gateway.Hardening;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Hardening;

/// <summary>
/// Rate limits over real HTTP, for signed-in accounts (the test client signs every request in as the operator or the
/// tenant's admin). A limit is shown to bind by giving it values a test can exceed on any machine, not by racing the
/// defaults against the clock.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly string[] Quiet = ["--Platform:Seed:Demo=false"];

    [Fact]
    public async Task Requests_past_an_accounts_limit_meet_429s_with_retry_after_and_the_bucket_refills()
    {
        const int burst = 100;
        const int perSecond = 100;
        await using var gateway = await LoopbackGateway.StartAsync([.. Quiet,
            $"--Platform:RateLimits:Account:Burst={burst}", $"--Platform:RateLimits:Account:PerSecond={perSecond}"]);
        var http = gateway.Http;
        (await http.PutAsJsonAsync("/api/v1/tenants/flood", new { name = "测试省" })).EnsureSuccessStatusCode();

        var started = DateTime.UtcNow;
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) =>
        {
            var response = await http.GetAsync("/api/v1/tenants/flood");
            lock (statuses)
            {
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    refused ??= response;
                }
            }
        });
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        // The account may have taken at most its burst and what the bucket refilled meanwhile; the rest are 429s.
        var served = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.Equal(2_000, served + statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(served <= burst + perSecond * seconds + 1, $"{served} served in {seconds:F2} s past a limit of {burst} + {perSecond}/s");
        Assert.True(served >= burst, $"only {served} served: the burst is {burst}");
        Assert.NotNull(refused!.Headers.RetryAfter);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Retry-After", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The bucket refills: after the wait it names, the caller is served again.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/tenants/flood")).StatusCode);
    }

    [Fact]
    public async Task Three_hundred_tenants_created_at_once_by_one_caller_are_mostly_refused_and_renames_are_not_counted()
    {
        await using var gateway = await LoopbackGateway.StartAsync([.. Quiet, .. AtDefault("TenantCreation", new RateLimitSettings().TenantCreation)]);
        var http = gateway.Http;
        var prefix = "n" + Guid.NewGuid().ToString("N")[..8];
        var statuses = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
            (await http.PutAsJsonAsync($"/api/v1/tenants/{prefix}{i}", new { name = "批量创建" })).StatusCode));
        var created = statuses.Count(s => s == HttpStatusCode.Created);
        var settings = new RateLimitSettings().TenantCreation;
        Assert.InRange(created, settings.Burst, settings.Burst + 30);
        Assert.Equal(300 - created, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // A tenant that exists is renamed as often as its admin likes; the creation limit does not apply.
        var existing = $"{prefix}{Array.IndexOf(statuses, HttpStatusCode.Created)}";
        for (var i = 0; i < 40; i++)
        {
            var tenant = await http.GetAsync($"/api/v1/tenants/{existing}");
            var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{existing}") { Content = JsonContent.Create(new { name = $"改名{i}" }) };
            rename.Headers.IfMatch.Add(tenant.Headers.ETag!);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(rename)).StatusCode);
        }
    }

    [Fact]
    public async Task One_tenant_over_its_limit_is_refused_while_another_is_served()
    {
        await using var gateway = await LoopbackGateway.StartAsync([.. Quiet, "--Platform:RateLimits:Tenant:Burst=20", "--Platform:RateLimits:Tenant:PerSecond=1"]);
        var http = gateway.Http;
        (await http.PutAsJsonAsync("/api/v1/tenants/busy", new { name = "繁忙" })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync("/api/v1/tenants/quiet", new { name = "安静" })).EnsureSuccessStatusCode();

        var busy = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            busy.Add((await http.GetAsync("/api/v1/tenants/busy/framework")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, busy);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/tenants/quiet/framework")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_on_one_username_are_limited_before_the_address_limit()
    {
        await using var gateway = await LoopbackGateway.StartAsync([.. Quiet, .. AtDefault("SignInAddress", new RateLimitSettings().SignInAddress)]);
        var http = gateway.Http;
        var settings = new RateLimitSettings();

        // Until the sign-in route exists the attempts answer 404; the limit sits on the path, in front of any route.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < settings.SignInUsername.Burst + 5; i++)
        {
            statuses.Add((await http.PostAsJsonAsync(RateLimits.SignInPath, new { tenant = "demo", username = "Admin", password = $"guess{i}" })).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(settings.SignInUsername.Burst));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[settings.SignInUsername.Burst]);

        // Another username from the same address is not held back by the first one's limit.
        var other = await http.PostAsJsonAsync(RateLimits.SignInPath, new { tenant = "demo", username = "secretary", password = "x" });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);

        // The username is matched without regard to case: "ADMIN" is the same person.
        var shouted = await http.PostAsJsonAsync(RateLimits.SignInPath, new { tenant = "demo", username = "ADMIN", password = "x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, shouted.StatusCode);
        Assert.NotNull(shouted.Headers.RetryAfter);
    }

    /// <summary>A limit at its production default (the test gateway lifts it otherwise).</summary>
    private static string[] AtDefault(string limit, TokenBucket bucket) =>
        [$"--Platform:RateLimits:{limit}:Burst={bucket.Burst}", $"--Platform:RateLimits:{limit}:PerSecond={bucket.PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)}"];
}
