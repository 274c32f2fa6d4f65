using System.Net;
using System.Net.Http.Json;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Identity;

/// <summary>The operator creates, lists, suspends and resumes tenants; nobody else does.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TenantLifecycleTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Only_the_operator_creates_tenants_and_the_answer_holds_the_first_admins_one_time_password()
    {
        var existing = await fixture.CreateTenantAsync();
        using var admin = fixture.ClientFor(fixture.AdminOf(existing));
        using var anonymous = fixture.Anonymous();
        var id = "t" + Guid.NewGuid().ToString("N")[..12];

        await (await anonymous.PutAsJsonAsync($"/api/v1/tenants/{id}", new { name = "匿名" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.PutAsJsonAsync($"/api/v1/tenants/{id}", new { name = "越权" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/api/v1/tenants/{id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var @operator = fixture.ClientFor(fixture.Gateway.Clients.Tokens.Operator);
        var created = await @operator.PutAsJsonAsync($"/api/v1/tenants/{id}", new { name = "新省", adminUsername = "chief" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var initialAdmin = (await created.JsonAsync()).GetProperty("initialAdmin");
        Assert.Equal("chief", initialAdmin.GetProperty("username").GetString());
        Assert.Equal("tenantAdmin", initialAdmin.GetProperty("role").GetString());
        Assert.True(initialAdmin.GetProperty("mustChangePassword").GetBoolean());

        var signedIn = await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in",
            new { tenant = id, username = "chief", password = initialAdmin.GetProperty("password").GetString() });
        Assert.True((await signedIn.JsonAsync()).GetProperty("mustChangePassword").GetBoolean());

        // Renaming is the tenant admin's, not the operator's.
        await (await @operator.PutAsJsonAsync($"/api/v1/tenants/{id}", new { name = "改名" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_the_operator_lists_tenants()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var anonymous = fixture.Anonymous();
        using var admin = fixture.ClientFor(fixture.AdminOf(tenant));
        await (await anonymous.GetAsync("/api/v1/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.GetAsync("/api/v1/tenants")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var listed = await (await fixture.Http.GetAsync("/api/v1/tenants")).JsonAsync();
        var entry = listed.EnumerateArray().Single(t => t.GetProperty("id").GetString() == tenant);
        Assert.False(entry.GetProperty("suspended").GetBoolean());
    }

    [Fact]
    public async Task A_suspended_tenants_people_can_neither_sign_in_nor_read_nor_write_until_it_is_resumed()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        using var viewer = await fixture.CreateAccountAsync(tenant, Role.Viewer, SmallProvince.Root);
        using var admin = fixture.ClientFor(fixture.AdminOf(tenant));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/tenants/{tenant}/accounts")).StatusCode);
        var adminSession = fixture.AdminOf(tenant);
        await viewer.Session.AccessTokenAsync();

        await (await admin.PostAsync($"/api/v1/tenants/{tenant}/suspend", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var suspended = await fixture.Http.PostAsync($"/api/v1/tenants/{tenant}/suspend", null);
        Assert.True((await suspended.JsonAsync()).GetProperty("suspended").GetBoolean());

        foreach (var refused in new[]
        {
            await admin.GetAsync($"/api/v1/tenants/{tenant}/accounts"),
            await admin.GetAsync($"/api/v1/tenants/{tenant}/nodes/{SmallProvince.Root}"),
            await viewer.Http.GetAsync($"/api/v1/tenants/{tenant}/nodes/{SmallProvince.Root}/summary"),
            await admin.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "停用期间改名" }),
            await fixture.Anonymous().PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username = adminSession.Username, password = adminSession.Password }),
        })
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("suspended", problem.GetProperty("detail").GetString());
        }

        var listed = await (await fixture.Http.GetAsync("/api/v1/tenants")).JsonAsync();
        Assert.True(listed.EnumerateArray().Single(t => t.GetProperty("id").GetString() == tenant).GetProperty("suspended").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.PostAsync($"/api/v1/tenants/{tenant}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Http.GetAsync($"/api/v1/tenants/{tenant}/nodes/{SmallProvince.Root}/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/tenants/{tenant}/accounts")).StatusCode);
    }

    [Fact]
    public async Task Suspending_a_tenant_that_does_not_exist_answers_not_found()
    {
        await (await fixture.Http.PostAsync("/api/v1/tenants/nosuchtenant/suspend", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
