using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.OpenApi;

/// <summary>The import's request body as the document describes it, which a validating proxy holds every upload against.</summary>
[Collection(GatewayCollection.Name)]
public sealed class FileUploadDocumentTests(GatewayFixture fixture)
{
    [Fact]
    public async Task The_import_takes_a_browser_upload_as_a_form_with_a_file_part_and_a_raw_file_as_bytes()
    {
        using var document = JsonDocument.Parse(await fixture.Http.GetStringAsync(OpenApiContract.DocumentPath));
        var content = document.RootElement.GetProperty("paths").GetProperty("/api/v1/tenants/{tenant}/imports/hierarchy")
            .GetProperty("post").GetProperty("requestBody").GetProperty("content");

        var form = content.GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal("object", form.GetProperty("type").GetString());
        Assert.Equal(["file"], form.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("binary", form.GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        foreach (var raw in new[] { "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
        {
            var schema = content.GetProperty(raw).GetProperty("schema");
            Assert.Equal(("string", "binary"), (schema.GetProperty("type").GetString(), schema.GetProperty("format").GetString()));
        }
    }
}
