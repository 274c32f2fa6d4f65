using System.Net;
using System.Net.Http.Headers;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.OpenApi;

/// <summary>Every read that answers an ETag honours If-None-Match: 304 without a body while the ETag is current.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ConditionalReadTests(GatewayFixture fixture)
{
    public static TheoryData<string> Reads => new()
    {
        "",
        "/nodes/" + SmallProvince.Root,
        "/framework",
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_read_with_the_current_etag_in_If_None_Match_answers_304_without_a_body(string path)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var url = $"/api/v1/tenants/{tenant}{path}";
        using var first = await fixture.Http.GetAsync(url);
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"GET {url} answered no ETag");

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await fixture.Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_read_with_a_stale_etag_in_If_None_Match_answers_the_resource(string path)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var url = $"/api/v1/tenants/{tenant}{path}";

        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"987654\""));
        using var answer = await fixture.Http.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotNull(answer.Headers.ETag);
        Assert.NotEqual("\"987654\"", answer.Headers.ETag!.Tag);
        Assert.NotEmpty(await answer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_node_read_again_after_it_changed_is_answered_in_full()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var url = $"/api/v1/tenants/{tenant}/nodes/9430103001";
        var before = (await fixture.Http.GetAsync(url)).Headers.ETag!;
        using var move = new HttpRequestMessage(HttpMethod.Post, url + "/move")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { parentCode = "430102" }),
        };
        move.Headers.IfMatch.Add(before);
        using var moved = await fixture.Http.SendAsync(move);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(before);
        using var answer = await fixture.Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotEqual(before, answer.Headers.ETag);
    }
}
