using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.OpenApi;

/// <summary>The document the gateway serves passes the linters outside tools use: Redocly's recommended rules and
/// Spectral's <c>spectral:oas</c>, with no error (warnings are counted in docs/api-contract.md).</summary>
[Collection(GatewayCollection.Name)]
public sealed class OutsideLinterTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Redocly_finds_no_error_in_the_served_document()
    {
        var document = await ServedDocumentAsync();

        var (exit, output, errors) = await NodeTools.RunAsync("redocly", "lint", document, "--config", NodeTools.File("redocly.yaml"), "--format=json");

        using var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var totals = report.RootElement.GetProperty("totals");
        Assert.True(totals.GetProperty("errors").GetInt32() == 0 && exit == 0, $"redocly lint (exit {exit}): {output}\n{errors}");
    }

    [Fact]
    public async Task Spectral_finds_no_error_in_the_served_document()
    {
        var document = await ServedDocumentAsync();

        var (exit, output, errors) = await NodeTools.RunAsync("spectral", "lint", document, "--ruleset", NodeTools.File(".spectral.yaml"), "--format", "json");

        using var report = JsonDocument.Parse(output[output.IndexOf('[', StringComparison.Ordinal)..]);
        var found = report.RootElement.EnumerateArray().Where(r => r.GetProperty("severity").GetInt32() == 0).Select(r => r.ToString()).ToList();
        Assert.True(found.Count == 0 && exit == 0, $"spectral lint (exit {exit}): {string.Join("\n", found)}\n{errors}");
    }

    private async Task<string> ServedDocumentAsync()
    {
        var path = Path.Combine(fixture.Gateway.Folder, "openapi.json");
        await System.IO.File.WriteAllTextAsync(path, await fixture.Http.GetStringAsync(OpenApiContract.DocumentPath));
        return path;
    }
}
