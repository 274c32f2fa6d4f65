using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Identity;

/// <summary>Sign-in, refresh, sign-out and password change over real HTTP, as a client does them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SignInTests(GatewayFixture fixture)
{
    private readonly HttpClient _anonymous = fixture.Anonymous();

    [Fact]
    public async Task A_one_time_password_signs_in_only_to_change_it_then_refresh_rotates_and_sign_out_revokes()
    {
        var (tenant, username, oneTime) = await NewAccountAsync();

        var first = await SignInAsync(tenant, username, oneTime);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tokens = await first.JsonAsync();
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.True(tokens.GetProperty("mustChangePassword").GetBoolean());
        Assert.InRange(tokens.GetProperty("expiresIn").GetInt32(), 60, 3600);

        // Until the one-time password is changed, the token serves nothing else.
        var blocked = await GetAsync($"/api/v1/tenants/{tenant}/accounts", tokens);
        Assert.Contains("one-time password", (await blocked.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());

        var newPassword = PasswordPolicy.Generate();
        var changed = await SendAsync(HttpMethod.Post, "/api/v1/auth/password", tokens, new { currentPassword = oneTime, newPassword });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.JsonAsync();
        Assert.False(after.GetProperty("mustChangePassword").GetBoolean());
        await (await SignInAsync(tenant, username, oneTime)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(tenant, username, newPassword)).StatusCode);

        // The changed password's token reaches what the one-time one could not (a viewer manages no accounts: 403 for
        // that reason, not for the password).
        var reached = await GetAsync($"/api/v1/tenants/{tenant}/accounts", after);
        Assert.DoesNotContain("one-time password", (await reached.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());

        var refreshed = await RefreshAsync(after.GetProperty("refreshToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = await refreshed.JsonAsync();
        Assert.NotEqual(after.GetProperty("refreshToken").GetString(), next.GetProperty("refreshToken").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _anonymous.PostAsJsonAsync("/api/v1/auth/sign-out", new { refreshToken = next.GetProperty("refreshToken").GetString() })).StatusCode);
        await (await RefreshAsync(next.GetProperty("refreshToken").GetString()!)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_replaying_it_ends_the_session()
    {
        var (tenant, username, password) = await NewAccountAsync(changePassword: true);
        var signedIn = await (await SignInAsync(tenant, username, password)).JsonAsync();
        var original = signedIn.GetProperty("refreshToken").GetString()!;

        var rotated = await (await RefreshAsync(original)).JsonAsync();
        var replay = await RefreshAsync(original);
        await replay.AssertProblemAsync(HttpStatusCode.Unauthorized);

        // The replay is taken as theft: the session the stolen token belonged to is over, its newest token with it.
        await (await RefreshAsync(rotated.GetProperty("refreshToken").GetString()!)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await RefreshAsync("not-a-token")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_password_unknown_username_and_unknown_tenant_answer_exactly_alike()
    {
        var (tenant, username, password) = await NewAccountAsync(changePassword: true);
        var answers = new[]
        {
            await SignInAsync(tenant, username, password + "x"),
            await SignInAsync(tenant, "nobody-" + username, password),
            await SignInAsync("nosuch" + tenant[1..], username, password),
        };

        var bodies = new List<string>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            bodies.Add($"{problem.GetProperty("title").GetString()}|{problem.GetProperty("detail").GetString()}");
        }

        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_four_do_not()
    {
        var (tenant, username, password) = await NewAccountAsync(changePassword: true);
        for (var i = 0; i < 4; i++)
        {
            await (await SignInAsync(tenant, username, "Wrong-password-1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(tenant, username, password)).StatusCode);

        for (var i = 0; i < 4; i++)
        {
            await (await SignInAsync(tenant, username, "Wrong-password-1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await SignInAsync(tenant, username, "Wrong-password-1")).AssertProblemAsync(HttpStatusCode.Locked);

        // Locked: the right password and a wrong one get the same answer, so the lock reveals nothing about either.
        var right = await SignInAsync(tenant, username, password);
        var wrong = await SignInAsync(tenant, username, "Wrong-password-1");
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, wrong.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter);

        // The fixture's lock lasts 2 s; then the right password works again.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(tenant, username, password)).StatusCode);
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_and_a_new_one_that_meets_the_policy()
    {
        var (tenant, username, password) = await NewAccountAsync(changePassword: true);
        var tokens = await (await SignInAsync(tenant, username, password)).JsonAsync();

        await (await SendAsync(HttpMethod.Post, "/api/v1/auth/password", tokens, new { currentPassword = "Not-the-one-9", newPassword = PasswordPolicy.Generate() }))
            .AssertFieldProblemAsync("currentPassword");
        await (await SendAsync(HttpMethod.Post, "/api/v1/auth/password", tokens, new { currentPassword = password, newPassword = "short1" }))
            .AssertFieldProblemAsync("newPassword");
        await (await SendAsync(HttpMethod.Post, "/api/v1/auth/password", tokens, new { currentPassword = password, newPassword = "abcdefghijkl" }))
            .AssertFieldProblemAsync("newPassword");
        await (await _anonymous.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = password, newPassword = PasswordPolicy.Generate() }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(tenant, username, password)).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_a_username_or_password_names_the_field()
    {
        await (await _anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant = "demo", password = "x" })).AssertFieldProblemAsync("username");
        await (await _anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant = "demo", username = "x" })).AssertFieldProblemAsync("password");
    }

    /// <summary>A viewer in a new tenant with a small province; its one-time password, or a password it changed to.</summary>
    private async Task<(string Tenant, string Username, string Password)> NewAccountAsync(bool changePassword = false)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var username = "viewer-" + Guid.NewGuid().ToString("N")[..8];
        var created = await fixture.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username, displayName = "查看", role = "viewer", scopeCode = SmallProvince.Root });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var oneTime = (await created.JsonAsync()).GetProperty("oneTimePassword").GetString()!;
        if (!changePassword)
        {
            return (tenant, username, oneTime);
        }

        var tokens = await (await SignInAsync(tenant, username, oneTime)).JsonAsync();
        var password = PasswordPolicy.Generate();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/api/v1/auth/password", tokens, new { currentPassword = oneTime, newPassword = password })).StatusCode);
        return (tenant, username, password);
    }

    private Task<HttpResponseMessage> SignInAsync(string tenant, string username, string password) =>
        _anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username, password });

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private Task<HttpResponseMessage> GetAsync(string path, JsonElement tokens) => SendAsync(HttpMethod.Get, path, tokens, null);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonElement tokens, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return await _anonymous.SendAsync(request);
    }
}
