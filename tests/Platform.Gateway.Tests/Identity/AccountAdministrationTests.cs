using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.Domain.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Identity;

/// <summary>Who administers which accounts: a tenant admin all of its tenant's, a region admin those inside its region.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AccountAdministrationTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_region_admin_manages_accounts_inside_its_region_and_none_outside_or_above_it()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        using var county = await fixture.CreateAccountAsync(tenant, Role.RegionAdmin, "430102");
        using var other = await fixture.CreateAccountAsync(tenant, Role.Viewer, "430103");

        var inside = await county.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username = "fr-secretary", displayName = "芙蓉一中一支部书记", role = "branchSecretary", scopeCode = "9430102001-01" });
        Assert.Equal(HttpStatusCode.Created, inside.StatusCode);

        await (await county.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username = "tx-secretary", displayName = "越界", role = "branchSecretary", scopeCode = "9430103001-01" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await county.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username = "up-admin", displayName = "越级", role = "regionAdmin", scopeCode = "430100" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await county.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username = "peer-admin", displayName = "同级", role = "regionAdmin", scopeCode = "430102" })).AssertProblemAsync(HttpStatusCode.Forbidden);

        // An account outside the region answers as one that does not exist.
        var outside = await county.Http.GetAsync($"/api/v1/tenants/{tenant}/accounts/{other.Session.Username}");
        var missing = await county.Http.GetAsync($"/api/v1/tenants/{tenant}/accounts/nobody-here");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var listed = await (await county.Http.GetAsync($"/api/v1/tenants/{tenant}/accounts")).JsonAsync();
        Assert.Equal(new[] { "fr-secretary" }, listed.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("username").GetString()!).ToArray());

        var everything = await (await fixture.Http.GetAsync($"/api/v1/tenants/{tenant}/accounts")).JsonAsync();
        Assert.Equal(4, everything.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_role_must_fit_its_scope_nodes_kind_and_the_node_must_be_in_the_tenant()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        await (await fixture.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username = "wrong-kind", displayName = "x", role = "branchSecretary", scopeCode = "430102" })).AssertFieldProblemAsync("scopeCode");
        await (await fixture.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username = "no-node", displayName = "x", role = "viewer", scopeCode = "999999" })).AssertFieldProblemAsync("scopeCode");
        await (await fixture.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username = "op", displayName = "x", role = "operator", scopeCode = "430000" })).AssertFieldProblemAsync("role");
        var first = await fixture.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts", new { username = "Twice", displayName = "x", role = "viewer", scopeCode = "430000" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await (await fixture.Http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/accounts",
            new { username = "twice", displayName = "x", role = "viewer", scopeCode = "430000" })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_reset_gives_a_new_one_time_password_and_a_suspended_account_cannot_sign_in()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        using var viewer = await fixture.CreateAccountAsync(tenant, Role.Viewer, "430100");
        await viewer.Session.AccessTokenAsync();
        using var anonymous = fixture.Anonymous();

        var reset = await (await fixture.Http.PostAsync($"/api/v1/tenants/{tenant}/accounts/{viewer.Session.Username}/password-reset", null)).JsonAsync();
        var oneTime = reset.GetProperty("oneTimePassword").GetString()!;
        Assert.True(reset.GetProperty("account").GetProperty("mustChangePassword").GetBoolean());
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username = viewer.Session.Username, password = viewer.Session.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        var signedIn = await (await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username = viewer.Session.Username, password = oneTime })).JsonAsync();
        Assert.True(signedIn.GetProperty("mustChangePassword").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.PostAsync($"/api/v1/tenants/{tenant}/accounts/{viewer.Session.Username}/suspend", null)).StatusCode);
        var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username = viewer.Session.Username, password = oneTime });
        Assert.Contains("suspended", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = signedIn.GetProperty("refreshToken").GetString() }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.PostAsync($"/api/v1/tenants/{tenant}/accounts/{viewer.Session.Username}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username = viewer.Session.Username, password = oneTime })).StatusCode);
    }

    [Fact]
    public async Task Secretaries_come_from_csv_one_per_row_with_one_time_passwords_and_bad_rows_rejected_by_line()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        using var county = await fixture.CreateAccountAsync(tenant, Role.RegionAdmin, "430102");
        const string csv = """
            username,branchCode,displayName
            fr1,9430102001-01,芙蓉一中第一支部书记
            fr2,9430102001-02,"芙蓉一中第二支部书记, 兼"
            tx1,9430103001-01,越界的支部
            bad/name,9430102001-01,坏用户名
            fr3,9430102001-00,党委不是支部
            fr1,9430102001-02,重复
            """;
        var answer = await county.Http.PostAsync($"/api/v1/tenants/{tenant}/accounts/secretaries", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        var batch = await answer.JsonAsync();
        Assert.Equal(2, batch.GetProperty("created").GetInt32());
        Assert.Equal(4, batch.GetProperty("rejected").GetInt32());
        var rows = batch.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4, 5, 6, 7], rows.Select(r => r.GetProperty("line").GetInt32()).ToArray());
        Assert.Equal(new[] { "created", "created", "rejected", "rejected", "rejected", "rejected" }, rows.Select(r => r.GetProperty("status").GetString()!).ToArray());
        Assert.Contains("outside", rows[2].GetProperty("reason").GetString());
        Assert.Contains("scope", rows[4].GetProperty("reason").GetString());

        using var anonymous = fixture.Anonymous();
        var signedIn = await (await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in",
            new { tenant, username = "fr2", password = rows[1].GetProperty("oneTimePassword").GetString() })).JsonAsync();
        Assert.True(signedIn.GetProperty("mustChangePassword").GetBoolean());

        await (await county.Http.PostAsync($"/api/v1/tenants/{tenant}/accounts/secretaries", new StringContent("code,name\n1,2\n", Encoding.UTF8, "text/csv")))
            .AssertFieldProblemAsync("file");
    }
}
