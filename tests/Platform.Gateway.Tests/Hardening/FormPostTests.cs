using Platform.Bench.Imports;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Hardening;

/// <summary>A page on another site can make a browser send a form; no form changes anything here.</summary>
[Collection(GatewayCollection.Name)]
public sealed class FormPostTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    public static TheoryData<string> FormContent => ["urlencoded", "multipart", "text/plain", "none"];

    [Theory]
    [MemberData(nameof(FormContent))]
    public async Task A_cross_site_form_post_to_a_write_route_is_refused_and_changes_nothing(string kind)
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var api = $"/api/v1/tenants/{tenant}";
        var reads = new[] { $"{api}/nodes/9430103001", $"{api}/nodes/9430103001-01", $"{api}/nodes/430103", $"{api}/nodes/430102", $"{api}/campaigns" };
        var before = await SettledSnapshotAsync(reads);

        // The branch could be closed (it holds nothing) and the school moved, were the request taken.
        foreach (var (path, node) in new[] { ($"{api}/nodes/9430103001-01/close", "9430103001-01"), ($"{api}/nodes/9430103001/move", "9430103001"), ($"{api}/campaigns", "9430103001") })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(kind, "{\"parentCode\":\"430102\",\"name\":\"伪造\"}") };
            request.Headers.IfMatch.Add((await Http.GetAsync($"{api}/nodes/{node}")).Headers.ETag!);
            var response = await Http.SendAsync(request);
            await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        }

        // A browser upload (multipart, the file in the part 'file') is what the import takes from its own page, with
        // the bearer token a cross-site form cannot carry; the other form types stay refused.
        if (kind != "multipart")
        {
            var import = await Http.PostAsync($"{api}/imports/hierarchy", Form(kind, "kind,code,name,parentCode\r\nschool,9430103999,伪造学校,430103\r\n"));
            await import.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        }
        else
        {
            var forged = await fixture.Anonymous().PostAsync($"{api}/imports/hierarchy", Form(kind, "kind,code,name,parentCode\r\nschool,9430103999,伪造学校,430103\r\n"));
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        Assert.Equal(before, await SnapshotAsync(reads));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"{api}/nodes/9430103999")).StatusCode);
    }

    [Fact]
    public async Task The_import_still_takes_csv_and_a_write_still_takes_json()
    {
        var tenant = await fixture.CreateTenantAsync(SmallProvince.Csv);
        var api = $"/api/v1/tenants/{tenant}";
        var import = await Http.ImportHierarchyAsync($"{api}/imports/hierarchy", SmallProvince.Csv);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        var move = new HttpRequestMessage(HttpMethod.Post, $"{api}/nodes/9430103001/move")
        {
            Content = new StringContent("{\"parentCode\":\"430102\"}", Encoding.UTF8, "application/json"),
        };
        move.Headers.IfMatch.Add((await Http.GetAsync($"{api}/nodes/9430103001")).Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(move)).StatusCode);
    }

    private static HttpContent Form(string kind, string text) => kind switch
    {
        "urlencoded" => new FormUrlEncodedContent(new Dictionary<string, string> { ["parentCode"] = "430102", ["text"] = text }),
        "multipart" => new MultipartFormDataContent { { new StringContent(text), "file", "province.csv" } },
        "text/plain" => new StringContent(text, Encoding.UTF8, "text/plain"),
        _ => new ByteArrayContent(Encoding.UTF8.GetBytes(text)),
    };

    /// <summary>The reads once the import's rollups have settled: two snapshots in a row agree.</summary>
    private async Task<string> SettledSnapshotAsync(IReadOnlyList<string> paths)
    {
        var last = await SnapshotAsync(paths);
        while (true)
        {
            await Task.Delay(200);
            var next = await SnapshotAsync(paths);
            if (next == last)
            {
                return next;
            }

            last = next;
        }
    }

    private async Task<string> SnapshotAsync(IEnumerable<string> paths)
    {
        var snapshot = new StringBuilder();
        foreach (var path in paths)
        {
            var response = await Http.GetAsync(path);
            snapshot.Append((int)response.StatusCode).Append(' ').Append(response.Headers.ETag).Append(' ')
                .Append(await response.Content.ReadAsStringAsync()).Append('\n');
        }

        return snapshot.ToString();
    }
}
