using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Tests.Infrastructure;

public sealed class JsonPathsTests
{
    [Theory]
    [InlineData("$.scores['1.1']", "scores.1.1")]
    [InlineData("$.counts['2.1'].held", "counts.2.1.held")]
    [InlineData("$.dimensions[0].indicators[2].max", "dimensions[0].indicators[2].max")]
    [InlineData("$.name", "name")]
    [InlineData("$", "body")]
    [InlineData("", "body")]
    [InlineData(null, "body")]
    [InlineData("$['a b']", "a b")]
    public void A_json_path_becomes_the_field_the_api_names(string? path, string field) => Assert.Equal(field, JsonPaths.ToField(path));

    [Theory]
    [InlineData("$.scores['1.1")]
    [InlineData("$.list[0")]
    [InlineData("$[")]
    [InlineData("$.")]
    [InlineData("['")]
    public void A_cut_off_path_still_gives_a_field_and_never_throws(string path) => Assert.False(string.IsNullOrEmpty(JsonPaths.ToField(path)));
}
